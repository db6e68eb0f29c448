// Runs before the page is drawn (a classic script in the head). The page's markup holds the first
// view as a first visit sees it (the example); a browser that kept a workspace would see the
// example for the moment before the mount shows what it kept, so that view stays hidden until
// then (main.js). localStorage is the page's own origin's: any key there is a kept workspace.
try {
  if (localStorage.length > 0) document.documentElement.dataset.kept = '';
} catch {
  // Storage off: the page keeps nothing, and shows the example.
}
