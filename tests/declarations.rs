//! The hand-written TypeScript declarations of the JS API (`src/wasm.rs`), held against the core's
//! types so they cannot drift: every closed set's union lists exactly the enum's wire names, every
//! request interface exactly the fields the request type reads, and every result interface
//! exactly the keys the core writes.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde_json::{json, Value};

use luciq_scim::config::{catalog_from_file, Config, GroupInputs, MappingInputs, ValueFrom};
use luciq_scim::console::{console_checklist, ChecklistRequest, Input, SourceKind, StepId};
use luciq_scim::export::ExportRequest;
use luciq_scim::names::{check_names, CheckRequest, Code, ListContext, NameKind, Severity};
use luciq_scim::okta::assignment::{
    build_assignment_payload, AssignmentRequest, GroupAssignmentRequest, UserAssignmentRequest,
};
use luciq_scim::okta::mapping::{MappingRequest, MappingSources, PushStatus};
use luciq_scim::okta::plan::{plan_schema, Action, PlanRequest};
use luciq_scim::okta::schema::{build_schema_payload, SchemaRequest};
use luciq_scim::okta::FindingField;
use luciq_scim::profile::{luciq_profile, DataType, Role, Scope, Setup, Unconfirmed};
use luciq_scim::scim::{preview_scim, PreviewRequest};
use luciq_scim::tab::{read_console_tab, ConsolePage, HostKind};
use luciq_scim::users::{check_users, Column, UsersRequest};

/// The declarations, as `src/wasm.rs` hands them to wasm-bindgen.
fn ts() -> &'static str {
    let src = include_str!("../src/wasm.rs");
    let start = src.find("const TYPES: &'static str = r#\"").unwrap();
    let body = &src[start..];
    let body = &body[body.find('\n').unwrap()..];
    &body[..body.find("\"#;").unwrap()]
}

/// The string literals of a union.
fn literals(text: &str) -> BTreeSet<String> {
    text.split('"')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_string())
        .collect()
}

/// `export type NAME = …;`'s literals.
fn type_union(name: &str) -> BTreeSet<String> {
    let text = ts();
    let at = text
        .find(&format!("export type {name} ="))
        .unwrap_or_else(|| panic!("no type {name}"));
    let rest = &text[at..];
    literals(&rest[..rest.find(';').unwrap()])
}

/// The body of `export interface NAME … { … }` and the interface it extends, if any.
fn interface(name: &str) -> (&'static str, Option<String>) {
    let text = ts();
    let head = format!("export interface {name} ");
    let at = text
        .find(&head)
        .unwrap_or_else(|| panic!("no interface {name}"));
    let rest = &text[at + head.len()..];
    let open = rest.find('{').unwrap();
    let extends = rest[..open]
        .trim()
        .strip_prefix("extends ")
        .map(|s| s.trim().to_string());
    let mut depth = 0;
    for (i, c) in rest[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return (&rest[open + 1..open + i], extends);
                }
            }
            _ => {}
        }
    }
    panic!("interface {name} is not closed")
}

/// The property names of an interface (and of the interfaces it extends, in these declarations).
fn props(name: &str) -> BTreeSet<String> {
    let (body, extends) = interface(name);
    let mut out = BTreeSet::new();
    let mut depth = 0;
    let mut comment = false;
    let mut token = String::new();
    let chars: Vec<char> = body.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if comment {
            if c == '*' && chars.get(i + 1) == Some(&'/') {
                comment = false;
                i += 1;
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            comment = true;
        } else if c == '{' || c == '(' || c == '<' {
            depth += 1;
        } else if c == '}' || c == ')' || c == '>' {
            depth -= 1;
        } else if depth == 0 && (c.is_ascii_alphanumeric() || c == '_') {
            token.push(c);
        } else if depth == 0 && (c == ':' || c == '?') && !token.is_empty() {
            out.insert(std::mem::take(&mut token));
            // Skip the type up to its end.
            while i < chars.len() && !(depth == 0 && chars[i] == ';') {
                match chars[i] {
                    '{' | '(' | '<' => depth += 1,
                    '}' | ')' | '>' => depth -= 1,
                    _ => {}
                }
                i += 1;
            }
        } else {
            token.clear();
        }
        i += 1;
    }
    if let Some(parent) = extends.filter(|p| p != "Error") {
        out.extend(props(&parent));
    }
    out
}

/// One property's union literals.
fn prop_union(name: &str, prop: &str) -> BTreeSet<String> {
    let (body, _) = interface(name);
    let at = body
        .find(&format!("\n  {prop}"))
        .unwrap_or_else(|| panic!("{name} has no {prop}"));
    let rest = &body[at..];
    let rest = &rest[rest.find(':').unwrap()..];
    literals(&rest[..rest.find(';').unwrap()])
}

fn wire(all: impl IntoIterator<Item = &'static str>) -> BTreeSet<String> {
    all.into_iter().map(String::from).collect()
}

/// The fields a request type reads, as serde names them: a deserializer that only takes note
/// of the struct's field list.
fn fields_of<'de, T: Deserialize<'de>>() -> BTreeSet<String> {
    struct Probe<'a>(&'a mut Vec<&'static str>);
    impl<'de> Deserializer<'de> for Probe<'_> {
        type Error = de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            self.0.extend_from_slice(fields);
            Err(de::Error::custom("fields taken"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }
    let mut fields = Vec::new();
    let _ = T::deserialize(Probe(&mut fields));
    assert!(
        !fields.is_empty(),
        "{} is not a struct",
        std::any::type_name::<T>()
    );
    fields.into_iter().map(String::from).collect()
}

/// The keys of a result as the core writes it.
fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .cloned()
        .collect()
}

#[test]
fn every_closed_set_is_declared_with_exactly_its_wire_names() {
    let names = |all: &[&'static str]| wire(all.iter().copied());
    macro_rules! all {
        ($t:ty) => {
            names(&<$t>::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>())
        };
    }
    assert_eq!(type_union("Setup"), all!(Setup));
    assert_eq!(type_union("Scope"), all!(Scope));
    assert_eq!(type_union("NameKind"), all!(NameKind));
    assert_eq!(type_union("DiagnosticCode"), all!(Code));
    assert_eq!(type_union("Severity"), all!(Severity));
    assert_eq!(type_union("ValueFrom"), all!(ValueFrom));
    assert_eq!(type_union("FieldInput"), all!(Input));
    assert_eq!(type_union("SourceKind"), all!(SourceKind));
    assert_eq!(type_union("Unconfirmed"), all!(Unconfirmed));
    assert_eq!(prop_union("LuciqAttribute", "dataType"), all!(DataType));
    assert_eq!(
        prop_union("CheckNamesRequest", "context"),
        all!(ListContext)
    );
    assert_eq!(prop_union("AttributePlan", "action"), all!(Action));
    assert_eq!(prop_union("MappingRequest", "pushStatus"), all!(PushStatus));
    assert_eq!(prop_union("MappingSources", "pushStatus"), all!(PushStatus));
    assert_eq!(prop_union("CellFinding", "column"), all!(Column));
    assert_eq!(prop_union("Finding", "field"), all!(FindingField));
    assert_eq!(prop_union("Step", "id"), all!(StepId));
    assert_eq!(prop_union("ConsoleTab", "hostKind"), all!(HostKind));
    assert_eq!(prop_union("ConsoleTab", "page"), all!(ConsolePage));
    assert_eq!(type_union("RowState"), all!(luciq_scim::bulk::RowState));
    assert_eq!(type_union("FailReason"), all!(luciq_scim::bulk::FailReason));
    assert_eq!(
        type_union("PauseReason"),
        all!(luciq_scim::bulk::PauseReason)
    );
    assert_eq!(
        type_union("MappingAction"),
        all!(luciq_scim::org::MappingAction)
    );
    assert_eq!(type_union("AuditArea"), all!(luciq_scim::org::AuditArea));
    assert_eq!(type_union("BulkAction"), all!(luciq_scim::org::BulkAction));
    assert_eq!(
        type_union("AssignmentKind"),
        all!(luciq_scim::org::AssignmentKind)
    );
}

#[test]
fn every_request_interface_lists_exactly_the_fields_its_type_reads() {
    for (interface, fields) in [
        ("CheckNamesRequest", fields_of::<CheckRequest>()),
        ("SchemaRequest", fields_of::<SchemaRequest>()),
        ("MappingRequest", fields_of::<MappingRequest>()),
        ("MappingSources", fields_of::<MappingSources>()),
        ("AssignmentRequest", fields_of::<UserAssignmentRequest>()),
        (
            "GroupAssignmentRequest",
            fields_of::<GroupAssignmentRequest>(),
        ),
        ("PreviewRequest", fields_of::<PreviewRequest>()),
        ("PlanRequest", fields_of::<PlanRequest>()),
        ("ExportRequest", fields_of::<ExportRequest>()),
        ("UsersRequest", fields_of::<UsersRequest>()),
        ("ChecklistRequest", fields_of::<ChecklistRequest>()),
        ("Config", fields_of::<Config>()),
        ("MappingInputs", fields_of::<MappingInputs>()),
        ("GroupInputs", fields_of::<GroupInputs>()),
        ("LuciqRole", fields_of::<Role>()),
        ("RoleInput", fields_of::<Role>()),
    ] {
        assert_eq!(props(interface), fields, "{interface}");
    }
    // The one request type with every assignment field is not part of the API.
    assert!(fields_of::<AssignmentRequest>().contains("groupId"));
}

#[test]
fn every_result_interface_lists_exactly_the_keys_the_core_writes() {
    let v = |x: &dyn erased::Ser| x.value();
    let profile = v(&luciq_profile(Setup::Current));
    let catalog = vec!["Acme iOS".to_string(), "Acme Android".to_string()];
    let report = v(&check_names(&CheckRequest {
        kind: NameKind::App,
        names: vec!["Acme iOS ".into()],
        catalog: Some(catalog.clone()),
        setup: Setup::Current,
        context: None,
    }));
    let call = v(&build_schema_payload(&SchemaRequest {
        setup: Setup::Current,
        roles: None,
        apps: Some(catalog.clone()),
        scope: Scope::Personal,
    })
    .unwrap());
    let refused = build_assignment_payload(&AssignmentRequest {
        user_id: "00u1".into(),
        user_name: "ada@example.com".into(),
        role: Some("administrator".into()),
        ..Default::default()
    })
    .unwrap_err();
    let finding = v(&refused.diagnostics[0]);
    let plan = v(&plan_schema(&PlanRequest {
        current: json!({"definitions": {"custom": {"id": "#custom", "type": "object", "properties": {
            "instabugRole": {"title": "Instabug Role", "type": "string"}}}}}),
        setup: Setup::Current,
        roles: None,
        apps: Some(catalog.clone()),
        scope: Scope::Personal,
    })
    .unwrap());
    let preview = v(&preview_scim(&PreviewRequest {
        user_name: "ada@example.com".into(),
        role: Some("member".into()),
        ..Default::default()
    })
    .unwrap());
    let users = v(&check_users(UsersRequest {
        csv: "email,role,apps\nada@example.com,administrator,Acme iOS\n".into(),
        catalog: Some(catalog.clone()),
        ..Default::default()
    })
    .unwrap());
    let checklist = v(&console_checklist(&ChecklistRequest {
        catalog: Some(catalog.clone()),
        ..Default::default()
    }));
    let file = v(&catalog_from_file("apps.txt", "Acme iOS\n").unwrap());
    let tab = v(&read_console_tab(
        "https://acme-admin.okta.com/admin/app/luciq/instance/0oa1/#tab-assignments",
    ));
    let ws = luciq_scim::workspace::Workspace::example();
    let form = v(&ws.assignment_form());
    let fill = v(&ws.fill_plan(luciq_scim::workspace::FillTarget::Role));
    let assignment = v(&ws.check_assignment(Some("administrator"), &["Acme iOS ".to_string()]));
    let org = luciq_scim::org::OrgRead {
        schema: json!({"definitions": {"custom": {"id": "#custom", "type": "object", "properties": {
            "instabugRole": {"title": "Instabug Role", "type": "string"}}}}}),
        mapping: Some(json!({"properties": {}})),
        features: Some(
            json!([{"status": "ENABLED", "capabilities": {"update": {"profile": {"status": "DISABLED"}}}}]),
        ),
        app_users: Some(vec![
            json!({"id": "00u1", "credentials": {"userName": "ada@example.com"},
            "profile": {"instabugRole": "administrator"}}),
        ]),
        app_groups: None,
    };
    let apply = v(&ws.apply_plan(&org).unwrap());
    let audit = v(&ws.audit(&org).unwrap());
    let scheduler = luciq_scim::bulk::Scheduler::new(Default::default(), 1);
    let progress = v(&scheduler.progress(0));
    let users_report = check_users(UsersRequest {
        csv: "email,role,apps\nada@example.com,member,\n".into(),
        ..Default::default()
    })
    .unwrap();
    let bulk = v(&ws
        .bulk_plan(
            &users_report,
            &[luciq_scim::org::FoundUser {
                id: "00u1".into(),
                login: "ada@example.com".into(),
                email: String::new(),
            }],
            &[],
        )
        .unwrap());
    let step = checklist["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "role-attribute")
        .unwrap();
    for (interface, value) in [
        ("LuciqProfile", &profile),
        ("LuciqAttribute", &profile["attributes"][0]),
        ("LuciqRole", &profile["roles"][0]),
        ("CheckNamesReport", &report),
        ("NameResult", &report["results"][0]),
        ("Diagnostic", &report["results"][0]["diagnostics"][0]),
        ("ApiCall", &call),
        ("Finding", &finding),
        ("SchemaPlan", &plan),
        ("AttributePlan", &plan["attributes"][0]),
        ("PlanReason", &plan["attributes"][0]["reasons"][0]),
        ("ScimPreview", &preview),
        ("UsersReport", &users),
        ("UserRow", &users["rows"][0]),
        ("CellFinding", &users["rows"][0]["findings"][0]),
        ("Checklist", &checklist),
        ("Step", step),
        ("Field", &step["fields"][0]),
        ("Source", &step["source"]),
        ("CatalogFile", &file),
        ("ConsoleTab", &tab),
        ("AssignmentForm", &form),
        ("FillPlan", &fill),
        ("AttributeDialog", &fill["dialog"]),
        ("RoleChoice", &form["roles"][0]),
        ("AssignmentCheck", &assignment),
        ("ValueCheck", &assignment["apps"][0]),
        ("Config", &v(&Config::default())),
        ("ApplyPlan", &apply),
        ("MappingChange", &apply["mapping"][0]),
        ("Audit", &audit),
        ("AuditCheck", &audit["checks"][0]),
        ("UserProblem", &audit["problems"][0]),
        ("Progress", &progress),
        ("BulkPlan", &bulk),
        ("BulkRow", &bulk["rows"][0]),
    ] {
        assert_eq!(props(interface), keys(value), "{interface}");
    }
}

/// Serialize as a JSON value, through a trait object (one list of samples of many types).
mod erased {
    pub trait Ser {
        fn value(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Ser for T {
        fn value(&self) -> serde_json::Value {
            serde_json::to_value(self).unwrap()
        }
    }
}
