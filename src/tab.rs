//! What a browser tab shows of the Okta admin console, read from its URL: whether the host is an
//! org's admin console, which org, and which page (the Profile Editor of an app, an app's
//! Assignments, another page of an app, elsewhere). The extension's side panel takes the org and
//! the app id from here instead of asking the admin to type them.
//!
//! Okta's domains come from `extension/okta-hosts.json`, the one list the extension's manifest
//! and content script are built from too (DOMAIN.md §4: `{org}-admin.okta.com`, …).

use serde::{Deserialize, Serialize};

use crate::wire::wire_enum;

/// The domains file, as the extension's build reads it too.
const OKTA_HOSTS: &str = include_str!("../extension/okta-hosts.json");

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OktaHosts {
    domains: Vec<String>,
    admin_suffix: String,
}

fn okta_hosts() -> OktaHosts {
    // The file is part of the build; a test reads it too.
    serde_json::from_str(OKTA_HOSTS).unwrap_or(OktaHosts {
        domains: Vec::new(),
        admin_suffix: String::new(),
    })
}

/// Okta's org domains (`okta.com`, …).
pub fn okta_domains() -> Vec<String> {
    okta_hosts().domains
}

wire_enum! {
    /// What a host is.
    pub enum HostKind {
        /// An org's admin console: `{org}-admin.{okta domain}`.
        Admin => "admin",
        /// An org's end-user host: `{org}.{okta domain}`.
        Org => "org",
        /// Anything else (a custom domain, a test page).
        Other => "other",
    }
}

wire_enum! {
    /// Which page of the console a tab shows.
    pub enum ConsolePage {
        /// Directory → Profile Editor (the list of profiles).
        ProfileEditor => "profile-editor",
        /// The Profile Editor of one app's user profile (`#app/{appId}`).
        AppProfile => "app-profile",
        /// An app's Assignments tab.
        AppAssignments => "app-assignments",
        /// Another tab of an app's page (General, Provisioning, …).
        AppPage => "app-page",
        /// Anywhere else.
        Other => "other",
    }
}

/// A tab, read from its URL.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConsoleTab {
    pub host_kind: HostKind,
    /// The host as written, port included (`acme-admin.okta.com`).
    pub host: String,
    /// The org's own host (`acme.okta.com`), for an Okta host.
    pub org: Option<String>,
    pub page: ConsolePage,
    /// The app's Okta id, where the page is about one app.
    pub app_id: Option<String>,
    /// The app's name in the console's path (`/admin/app/{appName}/instance/…`).
    pub app_name: Option<String>,
    /// The app page's tab (`assignments`, `general`, …), from `#tab-…`.
    pub app_tab: Option<String>,
}

/// An Okta id: letters and digits only.
fn okta_id(s: &str) -> Option<String> {
    (!s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric())).then(|| s.to_string())
}

/// `(host, path, hash)` of an `http(s)` URL; `None` for anything else.
fn split_url(url: &str) -> Option<(String, String, String)> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (rest, hash) = match rest.split_once('#') {
        Some((r, h)) => (r, h.to_string()),
        None => (rest, String::new()),
    };
    let rest = rest.split('?').next().unwrap_or_default();
    let (host, path) = match rest.find('/') {
        Some(at) => (&rest[..at], &rest[at..]),
        None => (rest, "/"),
    };
    // A user name in the authority is not a console URL.
    if host.is_empty() || host.contains('@') {
        return None;
    }
    Some((host.to_ascii_lowercase(), path.to_string(), hash))
}

/// What the host is, and the org it belongs to.
fn read_host(host: &str) -> (HostKind, Option<String>) {
    let hosts = okta_hosts();
    let name = host.split(':').next().unwrap_or_default();
    for domain in &hosts.domains {
        let Some(sub) = name.strip_suffix(&format!(".{domain}")) else {
            continue;
        };
        // One label before the domain: `acme` or `acme-admin`.
        if sub.is_empty() || sub.contains('.') {
            return (HostKind::Other, None);
        }
        return match sub.strip_suffix(&hosts.admin_suffix) {
            Some("") => (HostKind::Other, None),
            Some(org) => (HostKind::Admin, Some(format!("{org}.{domain}"))),
            None => (HostKind::Org, Some(format!("{sub}.{domain}"))),
        };
    }
    (HostKind::Other, None)
}

/// Reads a tab's URL. Any URL gives an answer: what is not a console page is `other`.
pub fn read_console_tab(url: &str) -> ConsoleTab {
    let mut tab = ConsoleTab {
        host_kind: HostKind::Other,
        host: String::new(),
        org: None,
        page: ConsolePage::Other,
        app_id: None,
        app_name: None,
        app_tab: None,
    };
    let Some((host, path, hash)) = split_url(url) else {
        return tab;
    };
    let (kind, org) = read_host(&host);
    tab.host_kind = kind;
    tab.host = host;
    tab.org = org;
    let path = path.trim_end_matches('/');
    if path == "/admin/universaldirectory" {
        let app = hash
            .strip_prefix("app/")
            .and_then(|rest| okta_id(rest.split('/').next().unwrap_or_default()));
        tab.page = if app.is_some() {
            ConsolePage::AppProfile
        } else {
            ConsolePage::ProfileEditor
        };
        tab.app_id = app;
        return tab;
    }
    // /admin/app/{appName}/instance/{appId}[/…]
    let parts: Vec<&str> = path.split('/').collect();
    if let ["", "admin", "app", name, "instance", id, ..] = parts.as_slice() {
        if let Some(id) = okta_id(id) {
            tab.app_id = Some(id);
            tab.app_name = (!name.is_empty()).then(|| name.to_string());
            let app_tab = hash
                .strip_prefix("tab-")
                .map(|t| t.split(['/', '?']).next().unwrap_or_default().to_string())
                .filter(|t| !t.is_empty());
            tab.page = if app_tab.as_deref() == Some("assignments") {
                ConsolePage::AppAssignments
            } else {
                ConsolePage::AppPage
            };
            tab.app_tab = app_tab;
        }
    }
    tab
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_console_pages_the_extension_works_on() {
        let t =
            read_console_tab("https://acme-admin.okta.com/admin/universaldirectory#app/0oa1abcd");
        assert_eq!(t.host_kind, HostKind::Admin);
        assert_eq!(t.org.as_deref(), Some("acme.okta.com"));
        assert_eq!(t.page, ConsolePage::AppProfile);
        assert_eq!(t.app_id.as_deref(), Some("0oa1abcd"));

        let t = read_console_tab("https://acme-admin.okta.com/admin/universaldirectory");
        assert_eq!((t.page, t.app_id), (ConsolePage::ProfileEditor, None));

        let t = read_console_tab(
            "https://acme-admin.oktapreview.com/admin/app/luciq/instance/0oa9XYZ/#tab-assignments",
        );
        assert_eq!(t.org.as_deref(), Some("acme.oktapreview.com"));
        assert_eq!(t.page, ConsolePage::AppAssignments);
        assert_eq!(
            (t.app_name.as_deref(), t.app_id.as_deref()),
            (Some("luciq"), Some("0oa9XYZ"))
        );
        let t = read_console_tab(
            "https://acme-admin.okta-emea.com/admin/app/luciq/instance/0oa9/#tab-general",
        );
        assert_eq!(
            (t.page, t.app_tab.as_deref()),
            (ConsolePage::AppPage, Some("general"))
        );
    }

    #[test]
    fn only_an_orgs_admin_host_is_the_console() {
        for (url, kind, org) in [
            (
                "https://acme-admin.okta.com/",
                HostKind::Admin,
                Some("acme.okta.com"),
            ),
            (
                "https://ACME-admin.okta.mil/x",
                HostKind::Admin,
                Some("acme.okta.mil"),
            ),
            (
                "https://acme-admin.okta-gov.com/",
                HostKind::Admin,
                Some("acme.okta-gov.com"),
            ),
            (
                "https://acme.okta.com/app/UserHome",
                HostKind::Org,
                Some("acme.okta.com"),
            ),
            ("https://-admin.okta.com/", HostKind::Other, None),
            ("https://a.b-admin.okta.com/", HostKind::Other, None),
            (
                "https://acme-admin.okta.com.evil.example/",
                HostKind::Other,
                None,
            ),
            ("https://okta.com/", HostKind::Other, None),
            (
                "https://evil.example/acme-admin.okta.com/",
                HostKind::Other,
                None,
            ),
            ("https://user@acme-admin.okta.com/", HostKind::Other, None),
            (
                "http://127.0.0.1:8080/admin/universaldirectory#app/0oa1",
                HostKind::Other,
                None,
            ),
            ("chrome://extensions", HostKind::Other, None),
            ("", HostKind::Other, None),
        ] {
            let t = read_console_tab(url);
            assert_eq!((t.host_kind, t.org.as_deref()), (kind, org), "{url}");
        }
        // A test page on 127.0.0.1 still reads as the page it models.
        let t = read_console_tab("http://127.0.0.1:8080/admin/universaldirectory#app/0oa1");
        assert_eq!(t.app_id.as_deref(), Some("0oa1"));
    }

    #[test]
    fn an_app_id_is_an_okta_id_or_none() {
        let t =
            read_console_tab("https://acme-admin.okta.com/admin/universaldirectory#app/0oa1%22x");
        assert_eq!((t.page, t.app_id), (ConsolePage::ProfileEditor, None));
        let t = read_console_tab("https://acme-admin.okta.com/admin/app/luciq/instance/../x");
        assert_eq!((t.page, t.app_id), (ConsolePage::Other, None));
    }

    #[test]
    fn the_domains_file_reads() {
        assert_eq!(okta_domains().len(), 5);
        assert_eq!(okta_hosts().admin_suffix, "-admin");
    }
}
