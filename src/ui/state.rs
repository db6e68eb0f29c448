//! What the page keeps in localStorage between visits: every input, as the configuration file
//! holds it (one shape for both).

use gloo_storage::{LocalStorage, Storage};

use crate::config::{Config, GroupInputs};

pub const STORAGE_KEY: &str = "luciq-scim:page";

/// The example catalog the page opens with (the same file the page serves).
pub const EXAMPLE_CATALOG: &str = include_str!("../../www/example-catalog.txt");

/// A users file to start from: one row per kind of problem the bulk check finds.
pub const EXAMPLE_USERS: &str = "email,role,apps\n\
ada@example.com,member,Acme iOS|Acme Android\n\
grace@example.com,administrator,Acme iOS\n\
linus@example.com,adminstrator,Acme iOS |Zeta Pay\n\
ken@example.com,viewer,Acme Andriod\n";

pub fn example_names(kind: &str) -> &'static [&'static str] {
    match kind {
        "role" => &["adminstrator", "administrator", "member", "Viewer"],
        "variable" => &["instabugRole", "InstabugApplications", "instabug_role"],
        _ => &[
            "Acme iOS",
            "Acme iOS ",
            "acme android",
            "Acme\u{200B}Web",
            "Cafe\u{301} Finder",
            "Acm\u{435} iOS",
            "Zeta\u{A0}Pay",
            "Acme Andriod",
        ],
    }
}

/// The page as it first opens: the Luciq defaults, the example catalog, names and users.
pub fn example() -> Config {
    Config {
        catalog: EXAMPLE_CATALOG.lines().map(String::from).collect(),
        names: example_names("app").iter().map(|s| s.to_string()).collect(),
        users_csv: EXAMPLE_USERS.into(),
        group: GroupInputs {
            priority: "0".into(),
            ..Default::default()
        },
        ..Config::default()
    }
}

/// Where an earlier version of the page kept its state (removed on load: nothing is left behind).
const OLD_STORAGE_KEY: &str = "luciq-scim:names-view";

pub fn load() -> Option<Config> {
    LocalStorage::delete(OLD_STORAGE_KEY);
    let text = LocalStorage::raw().get_item(STORAGE_KEY).ok()??;
    crate::config::config_from_json(&text).ok()
}

/// Storage can be full or off (private windows): the page works without it.
pub fn save(config: &Config) {
    let _ = LocalStorage::raw().set_item(STORAGE_KEY, &crate::config::config_to_json(config));
}

pub fn clear() {
    LocalStorage::delete(STORAGE_KEY);
}
