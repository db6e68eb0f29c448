//! Name checks: Luciq app names, role values and Okta variable names, to the character.
//!
//! Each finding is a [`Diagnostic`] with a stable [`Code`], the exact character and its position
//! (UTF-16 offsets, as JavaScript counts), and a suggestion where one is safe. A suggestion is
//! only attached after the suggested text was checked again and no longer has that finding.

pub mod catalog;
pub mod chars;
mod distance;
mod first;
pub mod lookalike;
mod variable;

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use rustc_hash::FxHashMap;

use crate::normalization::{is_nfc, is_nfc_quick, IsNormalized, Nfc as _};
use serde::{Deserialize, Serialize};

use crate::limits::{
    names_bytes_ok, names_ok, TooLarge, MAX_CATALOG_NAMES, MAX_NAMES, MAX_NAMES_BYTES,
};
use crate::profile::{
    builtin_roles, expected_variable_names, Role, Setup, ADMIN_ROLE_MISSPELLINGS, ADMIN_ROLE_VALUE,
};
use crate::wire::wire_enum;
use catalog::{fold_into, surely_nfc, CatalogIndex};
use chars::{classify, describe, is_line_break, CharClass};
use first::FirstSeen;
use lookalike::{find_lookalikes, Lookalike};

wire_enum! {
    /// What the names are.
    pub enum NameKind {
        /// Luciq app names: the catalog itself, or the apps entered for one user.
        App => "app",
        /// Role values: the strings Okta sends (titles are display text).
        Role => "role",
        /// Okta variable names of profile attributes.
        Variable => "variable",
    }
}

wire_enum! {
    /// Whether a list is a catalog (the set of valid names) or the values entered for one user.
    pub enum ListContext {
        Catalog => "catalog",
        User => "user",
    }
}

wire_enum! {
    /// How bad a finding is.
    #[derive(PartialOrd, Ord)]
    pub enum Severity {
        Error => "error",
        Warning => "warning",
        Info => "info",
    }
}

wire_enum! {
    /// The stable identifier of a finding: of a name, or of a users-file cell.
    pub enum Code {
    Empty => "empty",
    EdgeWhitespace => "edge-whitespace",
    RepeatedSpace => "repeated-space",
    UnusualSpace => "unusual-space",
    InvisibleChar => "invisible-char",
    ControlChar => "control-char",
    InvalidChar => "invalid-char",
    NotNfc => "not-nfc",
    Confusable => "confusable",
    TypographicPunctuation => "typographic-punctuation",
    CaseMismatch => "case-mismatch",
    NotInCatalog => "not-in-catalog",
    Duplicate => "duplicate",
    NearDuplicate => "near-duplicate",
    ListSeparator => "list-separator",
    AdminRoleValue => "admin-role-value",
    LegacySingleApp => "legacy-single-app",
    VariableNameInvalid => "variable-name-invalid",
    VariableNameReserved => "variable-name-reserved",
    VariableNameMismatch => "variable-name-mismatch",
    UnconfirmedValue => "unconfirmed-value",
    TooManyFindings => "too-many-findings",
    // The users file's own (a cell, not a name).
    InvalidEmail => "invalid-email",
    InvalidId => "invalid-id",
    IdPrefix => "id-prefix",
    FieldCount => "field-count",
    }
}

/// One finding about one name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// UTF-16 offset of the first character concerned.
    pub start: usize,
    /// UTF-16 offset just past the last character concerned.
    pub end: usize,
    /// The whole name as it should be, where that is safe to offer.
    pub suggestion: Option<String>,
    /// Other candidates, best first (the nearest catalog names for `not-in-catalog`).
    pub alternatives: Vec<String>,
}

impl Diagnostic {
    /// What to mark in `input` (the value this finding is about): `marks`.
    pub fn marks(&self, input: &str) -> Vec<(usize, usize)> {
        marks(
            self.code,
            (self.start, self.end),
            self.suggestion.as_deref(),
            input,
        )
    }
}

/// What to mark in `input` for a finding about `span` (UTF-16 offsets), as UTF-16 ranges: the
/// span, except for a case mismatch whose letters line up with its suggestion (the whole value as
/// it should be) one for one, where only the letters in the span whose case differs are marked
/// (the span runs from the first of them to the last, over letters that are right).
pub fn marks(
    code: Code,
    span: (usize, usize),
    suggestion: Option<&str>,
    input: &str,
) -> Vec<(usize, usize)> {
    let whole = vec![span];
    let (Code::CaseMismatch, Some(want)) = (code, suggestion) else {
        return whole;
    };
    if input.chars().count() != want.chars().count() {
        return whole;
    }
    let mut marks: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    for (have, want) in input.chars().zip(want.chars()) {
        let next = at + have.len_utf16();
        if have != want && span.0 <= at && next <= span.1 {
            if !have.to_lowercase().eq(want.to_lowercase()) {
                return whole;
            }
            match marks.last_mut() {
                Some(last) if last.1 == at => last.1 = next,
                _ => marks.push((at, next)),
            }
        }
        at = next;
    }
    if marks.is_empty() {
        whole
    } else {
        marks
    }
}

/// A request to check a list of names.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CheckRequest {
    pub kind: NameKind,
    pub names: Vec<String>,
    /// Valid names. For `role` values defaults to the built-in role values; for `variable` to the
    /// names Luciq expects.
    #[serde(default)]
    pub catalog: Option<Vec<String>>,
    /// Default `current`.
    #[serde(default)]
    pub setup: Setup,
    /// Defaults to `user` when a catalog is given (or for roles and variables), else `catalog`.
    #[serde(default)]
    pub context: Option<ListContext>,
}

impl CheckRequest {
    /// Refuses a request past the limits (`crate::limits`) before any work: more than
    /// `MAX_NAMES` names, a catalog of more than `MAX_CATALOG_NAMES`, names (or a catalog) of
    /// more than `MAX_NAMES_BYTES` together, a name longer than `MAX_NAME_LENGTH`.
    pub fn within_limits(&self) -> Result<(), TooLarge> {
        names_ok("names", &self.names, "MAX_NAMES", MAX_NAMES)?;
        names_bytes_ok("names", &self.names, "MAX_NAMES_BYTES", MAX_NAMES_BYTES)?;
        if let Some(c) = &self.catalog {
            names_ok("catalog", c, "MAX_CATALOG_NAMES", MAX_CATALOG_NAMES)?;
            names_bytes_ok("catalog", c, "MAX_NAMES_BYTES", MAX_NAMES_BYTES)?;
        }
        Ok(())
    }
}

/// The findings for one name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NameResult {
    pub input: String,
    /// No error-severity finding.
    pub ok: bool,
    pub diagnostics: Vec<Diagnostic>,
    /// The name with every safe fix applied, when that differs from the input.
    pub fixed: Option<String>,
}

/// The findings for a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckReport {
    pub results: Vec<NameResult>,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

/// Nearest catalog names offered for `not-in-catalog`.
const NEAREST: usize = 3;

struct Checker {
    kind: NameKind,
    setup: Setup,
    context: ListContext,
    index: Option<Rc<CatalogIndex>>,
    unconfirmed: Vec<(String, String)>,
    /// Take the fast paths (plain names byte for byte in the catalog, repeats answered from
    /// their first check, the one-pass clean-up). `false` only for the reference run that tests
    /// compare them with (`check_names_full_analysis`).
    fast: bool,
    /// What `passes` and the character scan said of each suggested text, with the fast paths:
    /// a list's case variants and hostile names suggest the same catalog entries again and again.
    verdicts: RefCell<FxHashMap<String, bool>>,
    still: RefCell<FxHashMap<String, Vec<Code>>>,
    /// Build each finding's message (`false` in a run whose messages are built for the results
    /// asked for: `CheckRun::without_messages`).
    messages: Cell<bool>,
    /// A folded key's buffer, given back by the run when it is done with a name's key
    /// (`Found::folded`): one allocation for a list, not one a name.
    spare_key: RefCell<String>,
    /// A findings list's buffer, given back emptied by a run that does not keep a name's
    /// findings (`CheckRun::without_messages`): a plain name's findings start in it.
    spare_findings: RefCell<Vec<Diagnostic>>,
    /// A name's characters' buffers (`LazySpelled`), given back when its check is done.
    spare_spelled: RefCell<Spelled>,
}

impl Checker {
    fn new(
        kind: NameKind,
        catalog: Option<&[String]>,
        setup: Setup,
        context: Option<ListContext>,
    ) -> Self {
        let context = context.unwrap_or(match (kind, catalog) {
            (NameKind::App, None) => ListContext::Catalog,
            _ => ListContext::User,
        });
        let default_catalog: Vec<String> = match kind {
            NameKind::Variable => expected_variable_names().map(String::from).to_vec(),
            NameKind::Role => builtin_roles().into_iter().map(|r| r.value).collect(),
            NameKind::App => Vec::new(),
        };
        let catalog: Option<&[String]> = match (kind, context, catalog) {
            (_, _, Some(c)) if context == ListContext::User || kind == NameKind::Variable => {
                Some(c)
            }
            (NameKind::App, _, _) => None,
            (NameKind::Role, ListContext::Catalog, _) => None,
            _ => Some(&default_catalog),
        };
        Checker {
            kind,
            setup,
            context,
            index: catalog.map(|c| Rc::new(CatalogIndex::new(c))),
            unconfirmed: unconfirmed_of(&builtin_roles()),
            fast: true,
            verdicts: RefCell::default(),
            still: RefCell::default(),
            messages: Cell::new(true),
            spare_key: RefCell::default(),
            spare_findings: RefCell::default(),
            spare_spelled: RefCell::default(),
        }
    }
}

/// (value, title) of the roles whose value is not confirmed with Luciq.
fn unconfirmed_of(roles: &[Role]) -> Vec<(String, String)> {
    roles
        .iter()
        .filter(|r| !r.confirmed)
        .map(|r| (r.value.clone(), r.title.clone()))
        .collect()
}

/// A catalog's index, built once and shared by every check of the same catalog (the page checks
/// the names list and the users file against it again and again as the admin types).
#[derive(Clone)]
pub struct SharedCatalog(Rc<CatalogIndex>);

impl SharedCatalog {
    pub fn new(names: &[String]) -> Self {
        SharedCatalog(Rc::new(CatalogIndex::new(names)))
    }

    pub fn names(&self) -> &[String] {
        self.0.names()
    }
}

/// Checks single names of one kind against one catalog, building the catalog's index once:
/// for callers that check many separate values (cells of a users file) rather than one list.
/// No list-level checks (duplicates, near-duplicates) are made.
pub struct NameChecker(Checker);

impl NameChecker {
    pub fn new(kind: NameKind, catalog: Option<&[String]>, setup: Setup) -> Self {
        NameChecker(Checker::new(kind, catalog, setup, Some(ListContext::User)))
    }

    /// App names checked against a catalog indexed before.
    pub fn with_shared_catalog(catalog: &SharedCatalog, setup: Setup) -> Self {
        let mut checker = Checker::new(NameKind::App, None, setup, Some(ListContext::User));
        checker.index = Some(catalog.0.clone());
        NameChecker(checker)
    }

    /// Role values come from this table: a value is `unconfirmed-value` when the table says it is
    /// not confirmed (rather than by the built-in roles).
    pub fn with_roles(mut self, roles: &[Role]) -> Self {
        self.0.unconfirmed = unconfirmed_of(roles);
        self
    }

    /// Whether `name` can be checked without building a catalog table whole: `true` when it
    /// needs none or they are built; otherwise builds up to `budget` entries more of them
    /// (`CatalogIndex::warm`, as a `CheckRun` step does) and says whether they are all built.
    pub(crate) fn warmed_for(&self, name: &str, budget: usize) -> bool {
        let c = &self.0;
        match &c.index {
            Some(index) if c.fast && !index.warm_done() && !c.is_exact_and_plain(name) => {
                index.warm(budget)
            }
            _ => true,
        }
    }

    /// The findings for one name (`ok` set, as in a report).
    pub fn check(&self, name: &str) -> NameResult {
        let (found, _) = self.0.check_one(name);
        NameResult {
            input: name.into(),
            ok: !found
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error),
            diagnostics: found.diagnostics,
            fixed: found.fixed,
        }
    }
}

/// A list check done in steps, so a page can show progress and stay responsive on long lists.
/// `check_names` is one run taken to the end. What is checked so far is final: the list
/// findings of a name depend only on the names before it (`report`).
pub struct CheckRun {
    /// The report so far: every name checked is in it with its list findings.
    report: CompactReport,
    /// Where each distinct name first occurs: repeats are answered from there and reported as
    /// duplicates of it.
    first: FirstSeen,
    /// Per clean-up key (case folded, NFC, spaces; for variable names the lowercase name), the
    /// first name with it: the near-duplicates.
    first_tidy: FirstSeen,
}

/// A name's own findings (the list's findings come on top, when a result is built).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Own {
    /// The findings, when the run words them. A run `without_messages` keeps none: a result
    /// asked for checks its name again, and the rest of a view needs only the codes.
    diagnostics: Vec<Diagnostic>,
    /// Where the findings' codes are in `CompactReport::codes` (start, end).
    codes: (u32, u32),
    fixed: Option<String>,
}

/// What every copy of a name needs of its first copy's findings, in an array of its own: a
/// long list reads it at random, once a name.
#[derive(Clone, Copy, Debug)]
struct Brief {
    /// Where the name first occurs.
    first: u32,
    /// Errors, warnings, notes among its own findings.
    counts: [u32; 3],
    /// The most severe of them (`STATUS_*`).
    status: u8,
}

/// One name's own findings as the check makes them (the name itself is the caller's).
struct Found {
    diagnostics: Vec<Diagnostic>,
    fixed: Option<String>,
    /// The cleaned name case-folded (`fold`), when the check folded it: the near-duplicate key.
    folded: Option<String>,
}

impl Own {
    /// `r` as kept, its codes added to `codes`; its diagnostics kept only when `keep`. The
    /// brief of a name first seen at `first`.
    /// A list not kept is emptied into `spare`, for the next name's findings.
    fn of(
        r: Found,
        keep: bool,
        codes: &mut Vec<Code>,
        first: u32,
        spare: &RefCell<Vec<Diagnostic>>,
    ) -> (Self, Brief) {
        let mut counts = [0u32; 3];
        let start = codes.len() as u32;
        for d in &r.diagnostics {
            counts[severity_slot(d.severity)] += 1;
            codes.push(d.code);
        }
        let status = match counts {
            [e, ..] if e > 0 => STATUS_ERROR,
            [_, w, _] if w > 0 => STATUS_WARNING,
            [_, _, i] if i > 0 => STATUS_INFO,
            _ => STATUS_CLEAN,
        };
        let own = Own {
            codes: (start, codes.len() as u32),
            diagnostics: if keep {
                r.diagnostics
            } else {
                let mut list = r.diagnostics;
                list.clear();
                spare.replace(list);
                Vec::new()
            },
            fixed: r.fixed,
        };
        (
            own,
            Brief {
                first,
                counts,
                status,
            },
        )
    }
}

fn severity_slot(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

impl CheckRun {
    /// A run of a request from outside: refused at once when past the limits.
    pub fn try_new(req: CheckRequest) -> Result<Self, TooLarge> {
        req.within_limits()?;
        Ok(CheckRun::new(req))
    }

    pub fn new(req: CheckRequest) -> Self {
        let checker = Checker::new(req.kind, req.catalog.as_deref(), req.setup, req.context);
        CheckRun::of(checker, req.names)
    }

    /// An app names list checked against a catalog indexed before (`req.catalog` is not used).
    /// Other kinds are checked as `new` checks them.
    pub fn with_shared_catalog(req: CheckRequest, catalog: &SharedCatalog) -> Self {
        if req.kind != NameKind::App {
            return CheckRun::new(req);
        }
        let context = Some(req.context.unwrap_or(ListContext::User));
        let mut checker = Checker::new(req.kind, None, req.setup, context);
        checker.index = Some(catalog.0.clone());
        CheckRun::of(checker, req.names)
    }

    fn of(checker: Checker, names: Vec<String>) -> Self {
        let n = names.len();
        let legacy_single = checker.kind == NameKind::App
            && checker.setup == Setup::Legacy
            && checker.context == ListContext::User
            && n > 1;
        CheckRun {
            report: CompactReport {
                kind: checker.kind,
                checker,
                names,
                own: Vec::new(),
                brief: Vec::new(),
                codes: Vec::new(),
                slot: Vec::with_capacity(n),
                first_of: Vec::with_capacity(n),
                near: Vec::new(),
                legacy_single,
                status: Vec::with_capacity(n),
                errors: 0,
                warnings: 0,
                infos: 0,
            },
            // Room for every name of a short list, and for a quarter of a long one (an org's
            // export repeats most names: a fifth of a million are distinct) without a rehash.
            first: FirstSeen::with_capacity((n / 4).max(n.min(1 << 16))),
            first_tidy: FirstSeen::default(),
        }
    }

    /// Role values come from this table (see `NameChecker::with_roles`).
    pub fn with_roles(mut self, roles: &[Role]) -> Self {
        self.report.checker.unconfirmed = unconfirmed_of(roles);
        self
    }

    /// The findings' messages built only for the results asked for (`CompactReport::result`),
    /// not for every name: a view of a long list shows a few hundred rows. Codes, spans,
    /// severities, suggestions and counts are the same. (Variable names are checked with
    /// their messages: their lists are short.)
    pub fn without_messages(self) -> Self {
        if self.report.kind != NameKind::Variable {
            self.report.checker.messages.set(false);
        }
        self
    }

    /// Checks up to `budget` more names; `true` once every name is checked. A step with a
    /// finite budget may instead build part of the catalog's tables for names not in it (the
    /// first time a name needs them, `budget × WARM_PER_NAME` entries): each step does some
    /// work, and a run ends after at most `names + 5 × catalog / WARM_PER_NAME + 5` steps.
    pub fn step(&mut self, budget: usize) -> bool {
        let r = &mut self.report;
        let from = r.status.len();
        let to = from.saturating_add(budget.max(1)).min(r.names.len());
        let near_severity = r.near_severity();
        // The copies of names seen before a batch, looked up for the whole batch at once
        // (`FirstSeen::get_many`); the batch's own first occurrences are found one by one.
        // Their briefs too, in a pass of their own.
        let mut slots = [None; first::BATCH];
        let mut known: [Option<(u32, Brief)>; first::BATCH] = [None; first::BATCH];
        for i in from..to {
            let at = (i - from) % first::BATCH;
            if at == 0 && r.checker.fast {
                let end = (i + first::BATCH).min(to);
                self.first.get_many(&r.names[i..end], &r.names, &mut slots);
                for (k, slot) in known.iter_mut().zip(&slots) {
                    *k = slot.map(|slot| (slot, r.brief[slot as usize]));
                }
            }
            // In slices, the catalog's tables for names not in it are built in slices too, the
            // first time a name needs them: `WARM_PER_NAME` entries for each name of the budget.
            if budget != usize::MAX && r.checker.fast && r.checker.kind != NameKind::Variable {
                if let Some(index) = &r.checker.index {
                    let name = r.names[i].as_str();
                    if !index.warm_done()
                        && !r.checker.is_exact_and_plain(name)
                        && self.first.get(name, &r.names).is_none()
                        && !index.warm(budget.max(1).saturating_mul(WARM_PER_NAME))
                    {
                        return false;
                    }
                }
            }
            // The table keeps, per distinct text, the slot of its first copy's findings.
            let value = r.own.len() as u32;
            let seen = known[at].take().or_else(|| {
                self.first
                    .first_or_insert(i, &r.names, value)
                    .map(|slot| (slot, r.brief[slot as usize]))
            });
            let first = seen.map(|(_, b)| b.first as usize);
            r.first_of.push(first.unwrap_or(i) as u32);
            let (slot, brief) = match seen {
                // The same text has the same findings (the list findings come on top).
                Some(seen) if r.checker.fast => seen,
                _ => {
                    let name = &r.names[i];
                    let (mut result, cleaned) = r.checker.check_one(name);
                    if first.is_none() {
                        // A first occurrence: is it an earlier name after clean-up?
                        let key = match r.checker.kind {
                            // Each character's lower case (not `str::to_lowercase`, whose
                            // word-final sigma would keep "Σ" and "σ" apart at a word's end).
                            NameKind::Variable => {
                                name.chars().flat_map(char::to_lowercase).collect()
                            }
                            _ => result
                                .folded
                                .take()
                                .unwrap_or_else(|| r.checker.folded_key(&cleaned)),
                        };
                        if !key.is_empty() {
                            if let Some(j) = self.first_tidy.first_or_insert_text(&key, i as u32) {
                                r.near.push((i as u32, j));
                            }
                        }
                        r.checker.spare_key.replace(key);
                    }
                    let keep = r.checker.messages.get();
                    let first = first.unwrap_or(i) as u32;
                    let (own, brief) =
                        Own::of(result, keep, &mut r.codes, first, &r.checker.spare_findings);
                    r.own.push(own);
                    r.brief.push(brief);
                    (value, brief)
                }
            };
            r.slot.push(slot);
            let mut status = brief.status;
            r.errors += brief.counts[0] as usize;
            r.warnings += brief.counts[1] as usize;
            r.infos += brief.counts[2] as usize;
            if first.is_some() {
                r.errors += 1;
                status = STATUS_ERROR;
            } else if r.near.last().is_some_and(|&(at, _)| at as usize == i) {
                match near_severity {
                    Severity::Error => r.errors += 1,
                    _ => r.warnings += 1,
                }
                status = status.max(status_of(near_severity));
            }
            if r.legacy_single && i > 0 {
                r.errors += 1;
                status = STATUS_ERROR;
            }
            r.status.push(status);
        }
        self.done()
    }

    pub fn done(&self) -> bool {
        self.report.checked() == self.report.len()
    }

    /// (names checked, names in all).
    pub fn progress(&self) -> (usize, usize) {
        (self.report.checked(), self.report.len())
    }

    /// The catalog entries whose tables a step may still build (see `step`): 0 without a
    /// catalog, once they are built, or when the run builds none. A run of three names against
    /// a 10,000-app catalog typed a moment ago is short in names and long in work.
    pub fn cold_catalog(&self) -> usize {
        let c = &self.report.checker;
        match &c.index {
            Some(index) if c.fast && c.kind != NameKind::Variable => index.cold_entries(),
            _ => 0,
        }
    }

    /// The report so far: the first `progress().0` names, each final (with its list findings);
    /// the counts are theirs.
    pub fn report(&self) -> &CompactReport {
        &self.report
    }

    /// Checks what is left, then the list as a whole, and counts.
    pub fn finish(self) -> CheckReport {
        self.finish_compact().into_report()
    }

    /// `finish`, in compact form: what each name has, with results built for the names asked.
    pub fn finish_compact(mut self) -> CompactReport {
        self.step(usize::MAX);
        self.report
    }
}

/// Catalog entries put in the lazy tables per name of a step's budget (`CatalogIndex::warm`).
pub(crate) const WARM_PER_NAME: usize = 8;

/// Most severe finding per name in [`CompactReport::statuses`]: no finding.
pub const STATUS_CLEAN: u8 = 0;
/// A note (info) and nothing worse.
pub const STATUS_INFO: u8 = 1;
/// A warning and no error.
pub const STATUS_WARNING: u8 = 2;
/// An error.
pub const STATUS_ERROR: u8 = 3;

/// A list's findings in compact form: per name its status (the most severe finding), the index
/// of its first copy and its own findings shared with its copies; the list findings (repeats,
/// near-repeats, the legacy setup's one app) as a small table. [`CompactReport::result`] builds
/// one name's full result, messages and all, for the rows a view shows; `into_report` builds all
/// of them (the object API, for small lists).
pub struct CompactReport {
    kind: NameKind,
    /// The check the run made: it builds the messages of a result asked for when the run was
    /// `without_messages`.
    checker: Checker,
    names: Vec<String>,
    own: Vec<Own>,
    /// Beside each `own`.
    brief: Vec<Brief>,
    /// The codes of every `own`'s findings, one after another.
    codes: Vec<Code>,
    slot: Vec<u32>,
    first_of: Vec<u32>,
    /// (name, the earlier entry it equals after clean-up), by name.
    near: Vec<(u32, u32)>,
    /// Every name after the first is `legacy-single-app`.
    legacy_single: bool,
    status: Vec<u8>,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl CompactReport {
    fn near_severity(&self) -> Severity {
        if self.kind == NameKind::Variable {
            Severity::Error
        } else {
            Severity::Warning
        }
    }

    /// Names checked (all of them, once the run is done).
    pub fn checked(&self) -> usize {
        self.status.len()
    }

    /// Names in the list.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The names checked.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Per name, its most severe finding: `STATUS_CLEAN`, `STATUS_INFO`, `STATUS_WARNING` or
    /// `STATUS_ERROR`.
    pub fn statuses(&self) -> &[u8] {
        &self.status
    }

    /// No error-severity finding for name `i`.
    pub fn ok(&self, i: usize) -> bool {
        self.status[i] < STATUS_ERROR
    }

    /// Per name, the index of its first copy in the list (its own index for a first copy).
    pub fn first_copies(&self) -> &[u32] {
        &self.first_of
    }

    /// Name `i` with every safe fix applied, when that differs from it.
    pub fn fixed(&self, i: usize) -> Option<&str> {
        self.own[self.slot[i] as usize].fixed.as_deref()
    }

    /// The codes of name `i`'s findings, in the order of its result's.
    pub fn codes(&self, i: usize) -> Vec<Code> {
        let (start, end) = self.own[self.slot[i] as usize].codes;
        let mut codes = self.codes[start as usize..end as usize].to_vec();
        codes.extend(self.list_findings(i).map(|(code, _, _)| code));
        codes
    }

    /// The list's findings of name `i`: (code, severity, the other entry it names).
    fn list_findings(&self, i: usize) -> impl Iterator<Item = (Code, Severity, usize)> + '_ {
        let first = self.first_of[i] as usize;
        let repeat = (first != i).then_some((Code::Duplicate, Severity::Error, first));
        let near = if repeat.is_none() {
            self.near
                .binary_search_by_key(&(i as u32), |&(at, _)| at)
                .ok()
                .map(|k| {
                    (
                        Code::NearDuplicate,
                        self.near_severity(),
                        self.near[k].1 as usize,
                    )
                })
        } else {
            None
        };
        let legacy =
            (self.legacy_single && i > 0).then_some((Code::LegacySingleApp, Severity::Error, i));
        repeat.into_iter().chain(near).chain(legacy)
    }

    /// Name `i`'s full result: its findings, messages and all, as `check_names` gives it.
    pub fn result(&self, i: usize) -> NameResult {
        let own = &self.own[self.slot[i] as usize];
        let name = &self.names[i];
        let mut diagnostics = Vec::with_capacity(own.diagnostics.len() + 1);
        if self.checker.messages.get() {
            diagnostics.extend_from_slice(&own.diagnostics);
        } else {
            // The same check again, with its messages: the same findings (the check depends on
            // the text and the catalog alone), now worded.
            self.checker.messages.set(true);
            let (found, _) = self.checker.check_one(name);
            self.checker.messages.set(false);
            let (start, end) = own.codes;
            debug_assert!(
                found
                    .diagnostics
                    .iter()
                    .map(|d| d.code)
                    .eq(self.codes[start as usize..end as usize].iter().copied())
                    && found.fixed == own.fixed,
                "the findings of {name:?} checked again differ"
            );
            diagnostics.extend(found.diagnostics);
        }
        for (code, severity, other) in self.list_findings(i) {
            let message = match code {
                Code::Duplicate => repeats_message(other + 1),
                Code::NearDuplicate => {
                    let why = if self.kind == NameKind::Variable {
                        "Okta treats variable names that differ only in case as the same"
                    } else {
                        "equal after case folding, NFC and space clean-up"
                    };
                    format!("Same as entry {} (\"{}\"): {why}", other + 1, self.names[other])
                }
                _ => format!(
                    "The legacy setup holds one app per user (a plain string); this is app {} of {}",
                    i + 1,
                    self.names.len()
                ),
            };
            diagnostics.push(diag(code, severity, message, 0, len16(name)));
        }
        NameResult {
            input: name.clone(),
            ok: self.ok(i),
            diagnostics,
            fixed: own.fixed.clone(),
        }
    }

    /// Every name's full result: the object form (of the names checked).
    pub fn into_report(self) -> CheckReport {
        CheckReport {
            results: (0..self.checked()).map(|i| self.result(i)).collect(),
            errors: self.errors,
            warnings: self.warnings,
            infos: self.infos,
        }
    }
}

fn status_of(s: Severity) -> u8 {
    match s {
        Severity::Error => STATUS_ERROR,
        Severity::Warning => STATUS_WARNING,
        Severity::Info => STATUS_INFO,
    }
}

/// Checks a list of names. For requests from outside (the JS API, a file) use
/// [`try_check_names`], which refuses what is past the limits first.
pub fn check_names(req: &CheckRequest) -> CheckReport {
    CheckRun::new(req.clone()).finish()
}

/// The most slots a lookup reads in the table of first occurrences filled from `texts`: the
/// tests check that it stays short on every target (on wasm32 a hash of the wrong half made it
/// the length of the list, and a 1M-name check take minutes).
#[doc(hidden)]
pub fn first_seen_longest_probe(texts: &[String]) -> usize {
    let mut seen = FirstSeen::default();
    for i in 0..texts.len() {
        seen.first_or_insert(i, texts, i as u32);
    }
    seen.longest_probe()
}

/// `check_names` without the fast paths: every name, repeats too, through the full analysis.
/// The reference the fast paths are tested against (tests/fast_paths.rs); not for callers.
#[doc(hidden)]
pub fn check_names_full_analysis(req: &CheckRequest) -> CheckReport {
    let mut run = CheckRun::new(req.clone());
    run.report.checker.fast = false;
    run.finish()
}

/// Checks a list of names, or refuses with `too-large` at once when the request is past the
/// limits (`crate::limits`).
pub fn try_check_names(req: &CheckRequest) -> Result<CheckReport, TooLarge> {
    req.within_limits()?;
    Ok(check_names(req))
}

/// A name's characters with their UTF-16 offsets (`offsets[i]` for char i; one more at the end).
#[derive(Default)]
pub(crate) struct Spelled {
    pub chars: Vec<char>,
    pub offsets: Vec<usize>,
}

impl Spelled {
    pub fn new(s: &str) -> Self {
        Spelled::fill(s, Spelled::default())
    }

    /// `new`, in the buffers of `buf` (a name's, given back: one allocation of each for a
    /// list, not one a name).
    fn fill(s: &str, buf: Spelled) -> Self {
        let Spelled {
            mut chars,
            mut offsets,
        } = buf;
        chars.clear();
        offsets.clear();
        // ASCII text (a trailing space, two spaces, a comma: most names that get here) is a
        // character a byte and a UTF-16 unit a character: both filled from ranges whose length
        // is known, with no check a character.
        if s.is_ascii() {
            chars.extend(s.bytes().map(char::from));
            offsets.extend(0..=s.len());
            return Spelled { chars, offsets };
        }
        // Sized at once for the most characters the bytes can hold, and filled in one pass.
        chars.reserve(s.len());
        offsets.reserve(s.len() + 1);
        let mut at = 0;
        for c in s.chars() {
            chars.push(c);
            offsets.push(at);
            at += c.len_utf16();
        }
        offsets.push(at);
        Spelled { chars, offsets }
    }

    pub fn len16(&self) -> usize {
        *self.offsets.last().unwrap_or(&0)
    }

    fn prev(&self, i: usize) -> Option<char> {
        i.checked_sub(1).map(|j| self.chars[j])
    }
}

/// A name's `Spelled`, built the first time a finding needs its characters: a plain name not
/// in the catalog needs only its length. Built in the buffers of `spare`, and given back to it
/// when dropped.
struct LazySpelled<'a> {
    name: &'a str,
    spelled: std::cell::OnceCell<Spelled>,
    spare: &'a RefCell<Spelled>,
}

impl<'a> LazySpelled<'a> {
    fn new(name: &'a str, spare: &'a RefCell<Spelled>) -> Self {
        LazySpelled {
            name,
            spelled: std::cell::OnceCell::new(),
            spare,
        }
    }

    fn get(&self) -> &Spelled {
        self.spelled
            .get_or_init(|| Spelled::fill(self.name, self.spare.take()))
    }
}

impl Drop for LazySpelled<'_> {
    fn drop(&mut self) {
        if let Some(spelled) = self.spelled.take() {
            self.spare.replace(spelled);
        }
    }
}

/// A text's length in UTF-16 code units, as JavaScript counts.
fn len16(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().map(char::len_utf16).sum()
    }
}

/// Printable ASCII, no list separator, single spaces between words and none at the ends: text
/// in which the character scan finds nothing (no whitespace problem, control, separator,
/// non-NFC or look-alike character can be in it). One pass over the bytes, no allocation.
///
/// Eight bytes at a time: a name's bytes are read as `u64` words and each rule tested on a
/// whole word with carry-free byte arithmetic; the last few bytes one by one.
fn is_plain_ascii(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first().is_none_or(|&c| c == b' ') || b.last() == Some(&b' ') {
        return false;
    }
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The top bit of each byte of `x` that is zero, and of no other byte.
    fn zero_bytes(x: u64) -> u64 {
        !(((x & !HIGH).wrapping_add(!HIGH)) | x | !HIGH)
    }
    let mut words = b.chunks_exact(8);
    // The top bit of the byte before the word when it is a space.
    let mut space_before = 0u64;
    for word in &mut words {
        let w = u64::from_le_bytes([
            word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7],
        ]);
        // Past ASCII; a control character (below 0x20 or 0x7F); a list separator.
        let bad = (w & HIGH)
            | zero_bytes(w & (0xE0 * LOW))
            | zero_bytes(w ^ (0x7F * LOW))
            | zero_bytes(w ^ (b',' as u64 * LOW))
            | zero_bytes(w ^ (b';' as u64 * LOW));
        let spaces = zero_bytes(w ^ (b' ' as u64 * LOW));
        // Two spaces in a row: in the word, or the word's first after the last one's last.
        if bad != 0 || spaces & ((spaces << 8) | space_before) != 0 {
            return false;
        }
        space_before = spaces >> 56;
    }
    let mut after_space = space_before != 0;
    for &c in words.remainder() {
        match c {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b',' | b';' => return false,
            0x21..=0x7E => after_space = false,
            _ => return false,
        }
    }
    true
}

/// `is_plain_ascii` as its rules read, one at a time: the reference it is tested against.
#[cfg(test)]
fn is_plain_ascii_by_rules(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains("  ")
        && s.bytes()
            .all(|c| (0x20..=0x7E).contains(&c) && c != b',' && c != b';')
}

pub(crate) fn diag(
    code: Code,
    severity: Severity,
    message: String,
    start: usize,
    end: usize,
) -> Diagnostic {
    Diagnostic {
        code,
        severity,
        message,
        start,
        end,
        suggestion: None,
        alternatives: Vec::new(),
    }
}

/// A finding's message when the check builds messages, else nothing (`without_messages`).
fn worded(messages: bool, message: impl FnOnce() -> String) -> String {
    if messages {
        message()
    } else {
        String::new()
    }
}

/// Collects a name's character-level findings, formatting at most `MAX_LISTED` messages so a
/// megabyte of invisible characters costs counting, not a megabyte of messages.
struct Findings {
    /// Build the messages (`false`: codes, spans and severities only, for a run whose messages
    /// are built when a result is asked for).
    messages: bool,
    list: Vec<Diagnostic>,
    hidden: usize,
    hidden_errors: usize,
    hidden_span: (usize, usize),
}

/// Character-level findings listed per name (room is left for the catalog and list findings).
const MAX_LISTED: usize = 48;

impl Findings {
    fn new(messages: bool, mut list: Vec<Diagnostic>) -> Self {
        list.clear();
        Findings {
            messages,
            list,
            hidden: 0,
            hidden_errors: 0,
            hidden_span: (usize::MAX, 0),
        }
    }

    fn add(
        &mut self,
        code: Code,
        severity: Severity,
        start: usize,
        end: usize,
        message: impl FnOnce() -> String,
    ) {
        if self.list.len() < MAX_LISTED {
            let message = worded(self.messages, message);
            self.list.push(diag(code, severity, message, start, end));
        } else {
            self.hidden += 1;
            self.hidden_errors += usize::from(severity == Severity::Error);
            self.hidden_span = (self.hidden_span.0.min(start), self.hidden_span.1.max(end));
        }
    }

    fn finish(mut self) -> Vec<Diagnostic> {
        self.list.sort_by_key(|d| (d.start, d.end));
        if self.hidden > 0 {
            let (start, end) = self.hidden_span;
            let errors = self.hidden_errors;
            let message = worded(self.messages, || {
                format!(
                    "{} more findings in this name are not listed ({errors} of them errors), the first at {start}",
                    self.hidden
                )
            });
            self.list.push(diag(
                Code::TooManyFindings,
                if errors > 0 {
                    Severity::Error
                } else {
                    Severity::Info
                },
                message,
                start,
                end,
            ));
        }
        self.list
    }
}

/// "U+200B ZERO WIDTH SPACE at 5" or "3 × U+0020 SPACE at 5".
fn run_text(c: char, count: usize, at: usize) -> String {
    if count == 1 {
        format!("{} at {at}", describe(c))
    } else {
        format!("{count} × {} at {at}", describe(c))
    }
}

/// The character-level findings: they depend on the name alone. Messages only when `messages`.
fn scan(s: &Spelled, list_separator: Severity, messages: bool) -> Vec<Diagnostic> {
    scan_found(s, list_separator, messages, Vec::new()).0
}

/// `scan`, and the look-alike letters it found (for the clean-up of the same name). The
/// findings go into `list` (emptied first: a buffer given back by an earlier name).
fn scan_found(
    s: &Spelled,
    list_separator: Severity,
    messages: bool,
    list: Vec<Diagnostic>,
) -> (Vec<Diagnostic>, Vec<Lookalike>) {
    let chars = &s.chars;
    let n = chars.len();
    let mut out = Findings::new(messages, list);
    let lead = chars.iter().take_while(|c| c.is_whitespace()).count();
    let trail = if lead == n {
        0
    } else {
        chars.iter().rev().take_while(|c| c.is_whitespace()).count()
    };
    if lead > 0 && lead < n {
        out.add(
            Code::EdgeWhitespace,
            Severity::Error,
            0,
            s.offsets[lead],
            || {
                if chars[..lead].iter().all(|&c| c == chars[0]) {
                    format!("Leading {}", run_text(chars[0], lead, 0))
                } else {
                    format!(
                        "Leading whitespace at 0: {lead} characters, first {}",
                        describe(chars[0])
                    )
                }
            },
        );
    }
    if trail > 0 {
        let from = n - trail;
        out.add(
            Code::EdgeWhitespace,
            Severity::Error,
            s.offsets[from],
            s.len16(),
            || {
                if chars[from..].iter().all(|&c| c == chars[from]) {
                    format!("Trailing {}", run_text(chars[from], trail, s.offsets[from]))
                } else {
                    format!(
                        "Trailing whitespace at {}: {trail} characters, first {}",
                        s.offsets[from],
                        describe(chars[from])
                    )
                }
            },
        );
    }
    // Runs of whitespace inside the name.
    let mut i = lead;
    while i < n - trail {
        if chars[i].is_whitespace() && !is_line_break(chars[i]) {
            let start = i;
            while i < n - trail && chars[i].is_whitespace() && !is_line_break(chars[i]) {
                i += 1;
            }
            if i - start >= 2 {
                out.add(
                    Code::RepeatedSpace,
                    Severity::Warning,
                    s.offsets[start],
                    s.offsets[i],
                    || format!("{} spaces in a row at {}", i - start, s.offsets[start]),
                );
            }
        } else {
            i += 1;
        }
    }
    // One finding per run of the same character with the same problem.
    let mut i = 0;
    while i < n {
        let c = chars[i];
        // Printable ASCII but the list separators: a plain letter or a space whatever its
        // neighbours, nothing to report (most of most names).
        if matches!(c, ' '..='~') && c != ',' && c != ';' {
            i += 1;
            continue;
        }
        let class = classify(s.prev(i), c, chars.get(i + 1).copied());
        let mut j = i + 1;
        while j < n
            && chars[j] == c
            && classify(Some(chars[j - 1]), c, chars.get(j + 1).copied()) == class
        {
            j += 1;
        }
        let (start, end, count) = (s.offsets[i], s.offsets[j], j - i);
        let found: Option<(Code, Severity, &str)> = match class {
            CharClass::Plain | CharClass::Space => None,
            CharClass::UnusualSpace => Some((
                Code::UnusualSpace,
                Severity::Error,
                "not a plain space (U+0020)",
            )),
            CharClass::Control => Some((
                Code::ControlChar,
                Severity::Error,
                "a control character or line break",
            )),
            CharClass::Invisible => Some((
                Code::InvisibleChar,
                Severity::Error,
                "invisible, yet part of the value Okta sends",
            )),
            CharClass::Invalid if c == '\u{FFFD}' => Some((
                Code::InvalidChar,
                Severity::Error,
                "a broken character (an unpaired surrogate or text in the wrong encoding)",
            )),
            CharClass::Invalid => Some((
                Code::InvalidChar,
                Severity::Error,
                "not an assigned, usable character",
            )),
            CharClass::Typographic(_) => Some((
                Code::TypographicPunctuation,
                Severity::Warning,
                "typographic punctuation",
            )),
            CharClass::ListSeparator => Some((
                Code::ListSeparator,
                list_separator,
                "Okta sends the whole text as one name, not as a list",
            )),
        };
        if let Some((code, severity, detail)) = found {
            out.add(code, severity, start, end, || match class {
                CharClass::Typographic(Some(a)) => {
                    format!(
                        "{}: {detail}, typed as \"{a}\" elsewhere",
                        run_text(c, count, start)
                    )
                }
                _ => format!("{}: {detail}", run_text(c, count, start)),
            });
        }
        i = j;
    }
    let nfc = match is_nfc_quick(s.chars.iter().copied()) {
        IsNormalized::Yes => true,
        _ => is_nfc(&s.chars.iter().collect::<String>()),
    };
    if !nfc {
        let (start, end, message) = not_nfc(s);
        out.add(Code::NotNfc, Severity::Error, start, end, message);
    }
    let lookalikes = find_lookalikes(chars);
    for l in &lookalikes {
        let c = chars[l.index];
        let at = s.offsets[l.index];
        let message = || match &l.replacement {
            Some(r) => format!(
                "{} at {at} is {} and looks like the Latin \"{r}\" around it",
                describe(c),
                l.script.full_name()
            ),
            None => format!(
                "{} at {at} is {} inside a {} word",
                describe(c),
                l.script.full_name(),
                l.expected.full_name()
            ),
        };
        out.add(
            Code::Confusable,
            Severity::Error,
            at,
            s.offsets[l.index + 1],
            message,
        );
    }
    (out.finish(), lookalikes)
}

/// The span of a name's characters that NFC changes, and its message.
fn not_nfc(s: &Spelled) -> (usize, usize, impl FnOnce() -> String + '_) {
    let nfc: Vec<char> = s.chars.iter().copied().collect::<String>().nfc().collect();
    let head = s.chars.iter().zip(&nfc).take_while(|(a, b)| a == b).count();
    let tail = s.chars[head..]
        .iter()
        .rev()
        .zip(nfc[head..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (start, end) = (s.offsets[head], s.offsets[s.chars.len() - tail]);
    let message = move || {
        let from = &s.chars[head..s.chars.len() - tail];
        let to = &nfc[head..nfc.len() - tail];
        let list = |cs: &[char]| {
            cs.iter()
                .map(|&c| describe(c))
                .collect::<Vec<_>>()
                .join(" + ")
        };
        format!(
            "Not in Unicode NFC at {start}: {} should be {}",
            list(from),
            list(to)
        )
    };
    (start, end, message)
}

/// The name with every safe character-level fix applied: NFC, invisible and control characters
/// removed, other spaces made plain, runs of spaces collapsed, ends trimmed, typographic
/// punctuation made ASCII, Latin look-alikes made Latin.
pub fn clean(name: &str) -> String {
    clean_knowing(name, None)
}

/// `clean`, given the name's characters and `find_lookalikes` of them when the caller has them.
fn clean_knowing(name: &str, lookalikes: Option<(&[char], &[Lookalike])>) -> String {
    if name.is_ascii() {
        return clean_ascii(name);
    }
    let text = clean_once_knowing(name, lookalikes);
    // A second pass leaves text below U+0250 (ASCII, Latin-1, Latin Extended-A and -B) as it
    // is, but for U+00AD: it is NFC; it has no look-alike (every letter there is Latin); the
    // class of each of its characters is its own whatever the neighbours (the table of
    // `chars::small`, but for U+00AD), and the first pass kept only characters whose class keeps
    // them (or put ASCII letters, punctuation and single spaces there).
    if text.chars().all(|c| (c as u32) < 0x250 && c != '\u{AD}') {
        return text;
    }
    clean_passes(text)
}

/// `clean` as the full analysis does it, every pass run: the reference for the fast paths.
fn clean_full(name: &str) -> String {
    clean_passes(clean_once(name))
}

fn clean_passes(first: String) -> String {
    // Replacing a look-alike can change which script a neighbouring word leans to, so repeat
    // until nothing changes (each pass only removes non-Latin look-alikes: a few passes at most).
    let mut text = first;
    for _ in 0..8 {
        let next = clean_once(&text);
        if next == text {
            break;
        }
        text = next;
    }
    text
}

/// `clean` of ASCII text in one pass: what `clean_once` does to it (ASCII is NFC and has no
/// look-alikes; tabs and line breaks become spaces, other controls go), and a second pass would
/// change nothing.
fn clean_ascii(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for b in name.bytes() {
        match b {
            b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => space = !out.is_empty(),
            0..=0x1F | 0x7F => {}
            _ => {
                if space {
                    out.push(' ');
                    space = false;
                }
                out.push(b as char);
            }
        }
    }
    out
}

fn clean_once(name: &str) -> String {
    clean_once_knowing(name, None)
}

/// `clean_once`, given the name's characters and `find_lookalikes` of them (used only when
/// the name is NFC: then they are the characters this pass looks at).
fn clean_once_knowing(name: &str, known: Option<(&[char], &[Lookalike])>) -> String {
    let nfc_already = surely_nfc(name);
    let known = known.filter(|_| nfc_already);
    let nfc: Cow<[char]> = match known {
        Some((chars, _)) => Cow::Borrowed(chars),
        None if nfc_already => Cow::Owned(name.chars().collect()),
        None => Cow::Owned(name.nfc().collect()),
    };
    let found;
    let lookalikes = match known {
        Some((_, known)) => known,
        None => {
            found = find_lookalikes(&nfc);
            &found
        }
    };
    // The replacements by character index (few; `find_lookalikes` gives them in order).
    let mut replace: Vec<(usize, &str)> = lookalikes
        .iter()
        .filter_map(|l| Some((l.index, l.replacement.as_deref()?)))
        .collect();
    replace.sort_unstable_by_key(|&(i, _)| i);
    let mut replace = replace.into_iter().peekable();
    let mut out = String::with_capacity(name.len());
    for (i, &c) in nfc.iter().enumerate() {
        let mut replaced = None;
        while let Some(&(at, r)) = replace.peek() {
            if at > i {
                break;
            }
            replace.next();
            if at == i {
                replaced = Some(r);
            }
        }
        if let Some(r) = replaced {
            out.push_str(r);
            continue;
        }
        // Printable ASCII is kept whatever its neighbours (a space too: spaces are collapsed
        // below).
        if matches!(c, ' '..='~') {
            out.push(c);
            continue;
        }
        // What the character follows once earlier removals are done, so cleaning twice changes
        // nothing more (a tag character after a removed one is no longer in a tag sequence).
        let prev = out.chars().next_back();
        match classify(prev, c, nfc.get(i + 1).copied()) {
            CharClass::Invisible => {}
            CharClass::Control if is_line_break(c) => out.push(' '),
            CharClass::Control => {}
            CharClass::UnusualSpace => out.push(' '),
            CharClass::Typographic(Some(a)) => out.push_str(a),
            _ => out.push(c),
        }
    }
    // Spaces collapsed in place: the words joined by one space (a space after a space or at
    // the start is dropped, then one at the end).
    let mut collapsed = out;
    if collapsed.starts_with(' ') || collapsed.ends_with(' ') || collapsed.contains("  ") {
        let mut after_space = true;
        collapsed.retain(|c| {
            let keep = c != ' ' || !after_space;
            after_space = c == ' ';
            keep
        });
        if collapsed.ends_with(' ') {
            collapsed.pop();
        }
    }
    if surely_nfc(&collapsed) {
        collapsed
    } else {
        collapsed.nfc().collect()
    }
}

/// The first character where `a` and `b` differ, as (char index in `a`, char of `b` there).
fn first_difference(a: &Spelled, b: &str) -> Option<(usize, Option<char>)> {
    let mut b = b.chars();
    let mut i = 0;
    loop {
        match (a.chars.get(i), b.next()) {
            (Some(&x), Some(y)) if x == y => i += 1,
            (None, None) => return None,
            (_, y) => return Some((i, y)),
        }
    }
}

/// Offsets as a phrase: "5", "6 and 7", "6, 7 and 9", "1, 2, 3, 6, …" (four at most).
fn places(at: &[usize]) -> String {
    let shown: Vec<String> = at.iter().take(4).map(usize::to_string).collect();
    match (shown.split_last(), at.len() > 4) {
        (None, _) => String::new(),
        (Some((_, [])), false) => shown.join(""),
        (Some((last, rest)), false) => format!("{} and {last}", rest.join(", ")),
        (Some(_), true) => format!("{}, …", shown.join(", ")),
    }
}

/// Where a name differs from a catalog entry, as (start, end, ": … at N where the catalog has …"):
/// at char `at` when given, else at the first difference (the end of the name when it stops
/// short).
fn where_differs(
    s: &Spelled,
    entry: &str,
    at: Option<usize>,
    messages: bool,
) -> (usize, usize, String) {
    let want_at = |i: usize| entry.chars().nth(i);
    let (i, want) = match at.or_else(|| first_difference(s, entry).map(|(i, _)| i)) {
        Some(i) => (i, want_at(i)),
        None => return (0, s.len16(), String::new()),
    };
    let c = s.chars.get(i).copied();
    let (start, end) = match c {
        Some(_) => (s.offsets[i], s.offsets[i + 1]),
        None => (s.len16(), s.len16()),
    };
    let detail = worded(messages, || match c {
        Some(c) => format!(
            ": {} at {start} where the catalog has {}",
            describe(c),
            quoted_char(want)
        ),
        None => format!(
            ": the name ends at {start} where the catalog has {}",
            quoted_char(want)
        ),
    });
    (start, end, detail)
}

fn quoted_char(c: Option<char>) -> String {
    match c {
        Some(c) => describe(c),
        None => "nothing".into(),
    }
}

impl Checker {
    /// A finding's message, when this check builds messages.
    fn say(&self, message: impl FnOnce() -> String) -> String {
        worded(self.messages.get(), message)
    }

    fn list_separator_severity(&self) -> Severity {
        if self.setup == Setup::Legacy
            && self.context == ListContext::User
            && self.kind == NameKind::App
        {
            Severity::Error
        } else {
            Severity::Warning
        }
    }

    /// The findings for one name, and the name cleaned of its character-level problems. A
    /// suggestion (and `fixed`) is kept only when the suggested text passes this same check with
    /// no error.
    fn check_one<'a>(&self, name: &'a str) -> (Found, Cow<'a, str>) {
        let plain = self.fast && is_plain_ascii(name);
        if plain && self.exact_if_plain(name) {
            let mut diagnostics = Vec::new();
            self.unconfirmed_value(name, name.len(), &mut diagnostics);
            let r = Found {
                diagnostics,
                fixed: None,
                folded: None,
            };
            return (r, Cow::Borrowed(name));
        }
        // A plain name that got here was looked up in the catalog already, and is not in it.
        let (mut r, cleaned) = self.check_one_knowing(name, plain, plain);
        // A suggestion is checked once for a run of findings that share it (they often all
        // do); the ones that fail are taken out afterwards. No allocation unless one fails.
        let mut failed: Vec<usize> = Vec::new();
        let mut last: Option<(usize, bool)> = None;
        for i in 0..r.diagnostics.len() {
            let Some(t) = r.diagnostics[i].suggestion.as_deref() else {
                continue;
            };
            let passes = match last {
                Some((j, p)) if r.diagnostics[j].suggestion.as_deref() == Some(t) => p,
                _ => self.passes(t),
            };
            last = Some((i, passes));
            if !passes {
                failed.push(i);
            }
        }
        for i in failed {
            r.diagnostics[i].suggestion = None;
        }
        if let Some(f) = &r.fixed {
            if !r
                .diagnostics
                .iter()
                .any(|d| d.suggestion.as_deref() == Some(f.as_str()))
            {
                r.fixed = None;
            }
        }
        (r, cleaned)
    }

    /// `fold(text)`, in the spare key buffer (`spare_key`).
    fn folded_key(&self, text: &str) -> String {
        let mut key = self.spare_key.take();
        fold_into(text, &mut key);
        key
    }

    /// Whether `text` passes the check with no error-severity finding (list findings aside).
    fn passes(&self, text: &str) -> bool {
        if self.is_exact_and_plain(text) {
            return true;
        }
        if let Some(&p) = self.verdicts.borrow().get(text) {
            return p;
        }
        let (r, _) = self.check_one_unverified(text);
        let p = !r.diagnostics.iter().any(|d| d.severity == Severity::Error);
        if self.fast {
            self.verdicts.borrow_mut().insert(text.to_string(), p);
        }
        p
    }

    /// The codes of the character-level findings in `text` (a suggested text).
    fn codes_in(&self, text: &str) -> Vec<Code> {
        if !self.fast {
            return scan(&Spelled::new(text), Severity::Warning, false)
                .iter()
                .map(|d| d.code)
                .collect();
        }
        if is_plain_ascii(text) {
            return Vec::new();
        }
        if let Some(codes) = self.still.borrow().get(text) {
            return codes.clone();
        }
        let codes: Vec<Code> = scan(&Spelled::new(text), Severity::Warning, false)
            .iter()
            .map(|d| d.code)
            .collect();
        self.still
            .borrow_mut()
            .insert(text.to_string(), codes.clone());
        codes
    }

    /// The fast path: a plain name (`is_plain_ascii`) that is byte for byte a catalog entry, or
    /// any plain name where there is no catalog, has nothing to find but an unconfirmed role
    /// value. Variable names have rules of their own and always take the full check.
    fn is_exact_and_plain(&self, name: &str) -> bool {
        self.fast && is_plain_ascii(name) && self.exact_if_plain(name)
    }

    /// `is_exact_and_plain` of a name already known to be plain.
    fn exact_if_plain(&self, name: &str) -> bool {
        self.kind != NameKind::Variable
            && self.index.as_ref().is_none_or(|index| index.contains(name))
    }

    fn unconfirmed_value(&self, name: &str, len: usize, diags: &mut Vec<Diagnostic>) {
        if self.kind == NameKind::Role {
            if let Some((value, title)) = self.unconfirmed.iter().find(|(v, _)| v == name) {
                let message = self.say(|| {
                    format!(
                        "\"{value}\" is this tool's default value for {title}: Luciq has not published it, so confirm it with Luciq"
                    )
                });
                diags.push(diag(
                    Code::UnconfirmedValue,
                    Severity::Info,
                    message,
                    0,
                    len,
                ));
            }
        }
    }

    fn check_one_unverified<'a>(&self, name: &'a str) -> (Found, Cow<'a, str>) {
        self.check_one_knowing(name, self.fast && is_plain_ascii(name), false)
    }

    /// `check_one_unverified`, with `plain` = `self.fast && is_plain_ascii(name)` known, and
    /// `not_an_entry` when the caller found already that `name` is not a catalog entry (or
    /// that the check of entries does not apply: variable names).
    fn check_one_knowing<'a>(
        &self,
        name: &'a str,
        plain: bool,
        not_an_entry: bool,
    ) -> (Found, Cow<'a, str>) {
        let lazy = LazySpelled::new(name, &self.spare_spelled);
        let len = len16(name);
        let (mut diags, lookalikes) = if plain {
            (self.spare_findings.take(), Vec::new())
        } else {
            scan_found(
                lazy.get(),
                self.list_separator_severity(),
                self.messages.get(),
                self.spare_findings.take(),
            )
        };
        let fixed: Cow<str> = if diags.is_empty() && !name.chars().all(char::is_whitespace) {
            Cow::Borrowed(name)
        } else if self.fast {
            Cow::Owned(clean_knowing(
                name,
                (!plain).then(|| (&lazy.get().chars[..], &lookalikes[..])),
            ))
        } else {
            Cow::Owned(clean_full(name))
        };
        if fixed.is_empty() {
            let message = self.say(|| {
                if name.is_empty() {
                    "Empty: no characters".to_string()
                } else {
                    format!(
                        "Nothing visible: {} characters, none of them printing",
                        lazy.get().chars.len()
                    )
                }
            });
            diags.insert(0, diag(Code::Empty, Severity::Error, message, 0, len));
            return (
                Found {
                    diagnostics: diags,
                    fixed: None,
                    folded: None,
                },
                fixed,
            );
        }
        if self.kind == NameKind::Variable {
            diags.extend(variable::check_variable(
                lazy.get(),
                name,
                self.index.as_deref(),
            ));
        }
        let mut resolved: Option<String> = None;
        let mut folded = None;
        if let (Some(index), true) = (&self.index, self.kind != NameKind::Variable) {
            if !not_an_entry && index.contains(name) {
                // Byte for byte an entry: nothing to suggest (any other text is not in the
                // catalog). What the entry itself carries stays an error: a catalog entry with
                // an invisible character is a catalog to fix, and no builder sends it.
                if self.messages.get() {
                    for d in diags.iter_mut().filter(|d| d.severity == Severity::Error) {
                        d.message
                            .push_str(", as in the catalog entry itself: fix the catalog");
                    }
                }
                resolved = Some(name.to_string());
            } else {
                let key = self.folded_key(&fixed);
                resolved = self.check_against_catalog(index, &lazy, len, &fixed, &key, &mut diags);
                folded = Some(key);
                debug_assert!(
                    diags.iter().any(|d| d.severity == Severity::Error),
                    "{name:?} is not a catalog entry, yet has no error"
                );
            }
        }
        self.unconfirmed_value(name, len, &mut diags);
        let target = match resolved {
            Some(r) => (r != name).then_some(r),
            None => (fixed != name).then(|| fixed.to_string()),
        };
        if let Some(t) = &target {
            let still = self.codes_in(t);
            for d in diags
                .iter_mut()
                .filter(|d| d.suggestion.is_none() && is_character_level(d.code))
            {
                if !still.contains(&d.code) {
                    d.suggestion = Some(t.clone());
                }
            }
        }
        let target = target.filter(|t| {
            diags
                .iter()
                .any(|d| d.suggestion.as_deref() == Some(t.as_str()))
        });
        (
            Found {
                diagnostics: diags,
                fixed: target,
                folded,
            },
            fixed,
        )
    }

    /// Catalog findings of a name that is not an entry; returns the catalog entry it was meant
    /// to be, when that is clear. `len` is the name's length in UTF-16 units (`len16`), `key` is
    /// `fold(fixed)`.
    fn check_against_catalog(
        &self,
        index: &CatalogIndex,
        lazy: &LazySpelled,
        len: usize,
        fixed: &str,
        key: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<String> {
        let name = lazy.name;
        if self.kind == NameKind::Role
            && name != ADMIN_ROLE_VALUE
            && ADMIN_ROLE_MISSPELLINGS.contains(&key)
        {
            let message = self.say(|| {
                format!(
                    "\"{name}\" is not Luciq's value for Admin: Luciq expects \"{ADMIN_ROLE_VALUE}\" (its own spelling, with no \"i\" between \"admin\" and \"strator\")"
                )
            });
            let mut d = diag(Code::AdminRoleValue, Severity::Error, message, 0, len);
            d.suggestion = Some(ADMIN_ROLE_VALUE.into());
            diags.push(d);
            return Some(ADMIN_ROLE_VALUE.into());
        }
        // The name itself is not an entry (the caller looked): only a changed text can be.
        let exact = fixed != name && index.contains(fixed);
        let same_but_case = if exact {
            Vec::new()
        } else {
            index.same_but_case_folded(key, fixed)
        };
        let resolved = if exact {
            Some(fixed.to_string())
        } else if let Some(&i) = same_but_case.first() {
            let entry = index.name(i);
            let messages = self.messages.get();
            // A run without messages keeps a finding's code and suggestion, not its place or
            // alternatives (a result asked for is checked again, with them): neither is made.
            let others: Vec<String> = if messages {
                same_but_case
                    .iter()
                    .map(|&j| index.name(j).to_string())
                    .collect()
            } else {
                Vec::new()
            };
            let (start, end, detail) = if !messages {
                (0, 0, String::new())
            } else {
                let s = lazy.get();
                match first_difference(s, entry) {
                    Some((at, want)) if fixed == name => {
                        // The span runs from the first to the last letter whose case differs.
                        let last = s
                            .chars
                            .iter()
                            .zip(entry.chars())
                            .enumerate()
                            .filter(|(_, (a, b))| a != &b)
                            .fold(at, |_, (i, _)| i);
                        let detail = self.say(|| {
                            // Where the others are: up to four places, then an ellipsis.
                            let others: Vec<usize> = s
                                .chars
                                .iter()
                                .zip(entry.chars())
                                .enumerate()
                                .filter(|(i, (a, b))| *i > at && a != &b)
                                .map(|(i, _)| s.offsets[i])
                                .collect();
                            let more = match others.len() {
                                0 => String::new(),
                                n => format!(", and {n} more at {}", places(&others)),
                            };
                            format!(
                                ": {} at {} where the catalog has {}{more}",
                                quoted_char(s.chars.get(at).copied()),
                                s.offsets[at],
                                quoted_char(want)
                            )
                        });
                        (
                            s.offsets[at],
                            s.offsets[(last + 1).min(s.chars.len())],
                            detail,
                        )
                    }
                    _ => {
                        // Cleaning changed the name too: name the first letter whose case differs
                        // where the two still line up, else the first difference.
                        let case_only =
                            s.chars.iter().zip(entry.chars()).position(|(&a, b)| {
                                a != b && a.to_lowercase().eq(b.to_lowercase())
                            });
                        where_differs(s, entry, case_only, true)
                    }
                }
            };
            let message = self
                .say(|| format!("Differs only in case from the catalog name \"{entry}\"{detail}"));
            let mut d = diag(Code::CaseMismatch, Severity::Error, message, start, end);
            d.suggestion = Some(entry.to_string());
            d.alternatives = others;
            diags.push(d);
            Some(entry.to_string())
        } else if let Some(i) = index.same_skeleton(fixed).first().copied().or_else(|| {
            // The raw name's skeleton only differs when cleaning changed it.
            (fixed != name)
                .then(|| index.same_skeleton(name).first().copied())
                .flatten()
        }) {
            let entry = index.name(i);
            if !diags.iter().any(|d| d.code == Code::Confusable) {
                // (Without messages its place is not kept: see the case branch above.)
                let (start, end, detail) = if self.messages.get() {
                    where_differs(lazy.get(), entry, None, true)
                } else {
                    (0, 0, String::new())
                };
                let message = self.say(|| {
                    format!("Looks like the catalog name \"{entry}\" but is different text{detail}")
                });
                let mut d = diag(Code::Confusable, Severity::Error, message, start, end);
                d.suggestion = Some(entry.to_string());
                diags.push(d);
            }
            Some(entry.to_string())
        } else {
            let nearest = index.nearest_folded(key, NEAREST).0;
            if !self.messages.get() {
                // A run without messages keeps only the first (what `fixed` is checked
                // against): the others are found again with the result, when it is asked for.
                let mut d = diag(Code::NotInCatalog, Severity::Error, String::new(), 0, len);
                d.suggestion = nearest.first().map(|&i| index.name(i).to_string());
                diags.push(d);
                return None;
            }
            let near: Vec<String> = nearest
                .into_iter()
                .map(|i| index.name(i).to_string())
                .collect();
            let what = match self.kind {
                NameKind::Role => "role value",
                _ => "app name",
            };
            let message = self.say(|| {
                if near.is_empty() {
                    format!("\"{name}\" is not a catalog {what}, and no catalog {what} is close")
                } else {
                    let list = near
                        .iter()
                        .map(|n| format!("\"{n}\""))
                        .collect::<Vec<_>>()
                        .join(", ");
                    format!("\"{name}\" is not a catalog {what}; nearest: {list}")
                }
            });
            let mut d = diag(Code::NotInCatalog, Severity::Error, message, 0, len);
            d.suggestion = near.first().cloned();
            d.alternatives = near;
            diags.push(d);
            None
        };
        if let Some(entry) = resolved.as_deref().filter(|r| *r != name) {
            // The name is not the entry, so every difference is an error: a warning here would
            // let a name Luciq does not recognise pass (two spaces where the entry has one).
            let messages = self.messages.get();
            for d in diags.iter_mut().filter(|d| d.severity == Severity::Warning) {
                let note = match d.code {
                    Code::TypographicPunctuation => {
                        // The catalog name may have the same character ("Bob’s App"): then
                        // it is not a difference, and the ASCII form would be wrong.
                        let s = lazy.get();
                        let c = s.offsets.iter().position(|&o| o == d.start);
                        if c.and_then(|i| s.chars.get(i))
                            .is_some_and(|&c| entry.contains(c))
                        {
                            if messages {
                                d.message.push_str(", as the catalog name has it");
                            }
                            continue;
                        }
                        messages.then(|| ", and the catalog has the ASCII form".to_string())
                    }
                    Code::RepeatedSpace => {
                        messages.then(|| format!(", and the catalog has \"{entry}\""))
                    }
                    _ => continue,
                };
                if let Some(note) = note {
                    d.message.push_str(&note);
                }
                d.severity = Severity::Error;
            }
        }
        resolved
    }
}

/// "Repeats entry 12 of the list".
fn repeats_message(entry: usize) -> String {
    const HEAD: &str = "Repeats entry ";
    const TAIL: &str = " of the list";
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = entry;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let mut m = String::with_capacity(HEAD.len() + (digits.len() - at) + TAIL.len());
    m.push_str(HEAD);
    m.extend(digits[at..].iter().map(|&d| char::from(d)));
    m.push_str(TAIL);
    m
}

/// Codes whose fix is the cleaned text of the name.
fn is_character_level(code: Code) -> bool {
    matches!(
        code,
        Code::EdgeWhitespace
            | Code::RepeatedSpace
            | Code::UnusualSpace
            | Code::InvisibleChar
            | Code::ControlChar
            | Code::NotNfc
            | Code::Confusable
            | Code::TypographicPunctuation
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_listed_four_at_most() {
        assert_eq!(places(&[]), "");
        assert_eq!(places(&[5]), "5");
        assert_eq!(places(&[6, 7]), "6 and 7");
        assert_eq!(places(&[6, 7, 9]), "6, 7 and 9");
        assert_eq!(places(&[1, 2, 3, 6]), "1, 2, 3 and 6");
        assert_eq!(places(&[1, 2, 3, 6, 8]), "1, 2, 3, 6, …");
    }

    /// The Admin message says where Luciq's value differs from the English word: "admin" and
    /// "strator", with no "i" between (an "i" there is "administrator").
    #[test]
    fn the_admin_message_places_the_missing_letter() {
        assert_eq!(format!("admin{}strator", ""), ADMIN_ROLE_VALUE);
        assert_eq!(format!("admin{}strator", "i"), "administrator");
    }

    proptest::proptest! {
        /// One pass of the clean-up is the whole of it for text below U+0250 after that pass:
        /// the same as every pass run until nothing changes.
        #[test]
        fn one_pass_cleans_latin_text(s in "[a-zA-Z0-9 ,;\t\n\u{7F}\u{80}-\u{9F}\u{A0}\u{AD}\u{B4}\u{C0}-\u{FF}\u{100}-\u{24F}\u{2018}\u{2019}\u{201C}\u{200B}\u{301}\u{308}\u{430}\u{435}\u{3BF}\u{FEFF}]{0,16}") {
            proptest::prop_assert_eq!(clean(&s), clean_full(&s), "{:?}", s);
        }

        /// Eight bytes at a time is the rules one by one: every byte the rules name, at every
        /// place in a word and across two words.
        #[test]
        fn plain_ascii_by_words_is_plain_ascii_by_rules(s in "[a ,;\x00\x1F\x20\x21\x7E\x7F\u{80}\u{A0}\u{FF}\u{430}]{0,40}") {
            proptest::prop_assert_eq!(is_plain_ascii(&s), is_plain_ascii_by_rules(&s), "{:?}", s);
        }
    }

    /// Every text of up to 17 bytes from a few characters ("a", a space, and one a rule
    /// refuses, at each place): the word-at-a-time test agrees with the rules, and each rule is
    /// seen to refuse.
    #[test]
    fn plain_ascii_by_words_on_every_short_text() {
        let mut refused = 0;
        for len in 0..=17usize {
            for spaces in 0u32..(1 << len.min(17)) {
                let base: Vec<u8> = (0..len)
                    .map(|i| if spaces >> i & 1 == 1 { b' ' } else { b'a' })
                    .collect();
                let s = String::from_utf8(base.clone()).unwrap();
                assert_eq!(is_plain_ascii(&s), is_plain_ascii_by_rules(&s), "{s:?}");
                if spaces % 97 != 0 {
                    continue;
                }
                for at in 0..len {
                    for bad in [0x00u8, 0x1F, 0x7F, b',', b';', 0x20, b'~', b'!'] {
                        let mut t = base.clone();
                        t[at] = bad;
                        let t = String::from_utf8(t).unwrap();
                        let want = is_plain_ascii_by_rules(&t);
                        refused += usize::from(!want);
                        assert_eq!(is_plain_ascii(&t), want, "{t:?}");
                    }
                    let mut t = base.clone();
                    t[at] = b'a';
                    let t = String::from_utf8(t).unwrap().replacen('a', "\u{e9}", 1);
                    assert_eq!(is_plain_ascii(&t), is_plain_ascii_by_rules(&t), "{t:?}");
                }
            }
        }
        assert!(refused > 1000, "{refused}");
    }

    /// Above U+0250 a second pass can change what the first left: a joiner between two words
    /// kept them apart in the first pass, and the word they make is then Latin with Cyrillic
    /// look-alikes in it. (Found by a search for the shortcut taken too widely.)
    fn app_request(names: Vec<String>, catalog: Vec<String>) -> CheckRequest {
        CheckRequest {
            kind: NameKind::App,
            names,
            catalog: Some(catalog),
            setup: Setup::Current,
            context: None,
        }
    }

    #[test]
    fn a_second_pass_above_u0250_is_taken() {
        for (name, once, whole) in [
            (
                "\u{440}\u{3B1}\u{443}\u{FF45}\u{FF45}\u{43E}\u{200D}\u{FF45}",
                "\u{440}\u{3B1}\u{443}\u{FF45}\u{FF45}\u{43E}\u{FF45}",
                "pay\u{FF45}\u{FF45}o\u{FF45}",
            ),
            (
                "\u{FF4F}\u{200D}\u{200B}\u{FF41}\u{1E01}\u{43E}\u{435}\u{443}",
                "\u{FF4F}\u{FF41}\u{1E01}\u{43E}\u{435}\u{443}",
                "\u{FF4F}\u{FF41}\u{1E01}oey",
            ),
        ] {
            assert_eq!(clean_once(name), once, "{name:?}");
            assert_eq!(clean_full(name), whole, "{name:?}");
            assert_eq!(clean(name), whole, "{name:?}");
        }
    }

    /// The clean-up takes the scan's look-alikes only for an NFC name: in a decomposed one the
    /// scan's character indices are not the clean-up's.
    #[test]
    fn the_scans_lookalikes_are_reused_only_for_nfc_names() {
        let catalog: Vec<String> = vec!["Cafe\u{301} Acme".into(), "Caf\u{E9} Acme".into()];
        for name in [
            "Cafe\u{301} \u{410}\u{441}me",
            "Caf\u{E9} \u{410}\u{441}me",
            "e\u{301}\u{301}\u{441}\u{430}t x",
        ] {
            let req = app_request(vec![name.to_string()], catalog.clone());
            let fast = check_names(&req);
            assert_eq!(fast, check_names_full_analysis(&req), "{name:?}");
            let (_, cleaned) = CheckRun::new(req).report.checker.check_one(name);
            assert_eq!(cleaned, clean_full(name), "{name:?}");
        }
    }

    #[test]
    fn a_run_without_messages_builds_none_until_a_result_is_asked_for() {
        let catalog: Vec<String> = ["Acme iOS", "Acme Android", "Bob\u{2019}s App"]
            .map(String::from)
            .to_vec();
        let names: Vec<String> = [
            "acme ios",
            "Acme  iOS",
            "Acme Androd",
            "Acme i\u{41E}S",
            "Bob's App",
            " Acme iOS\u{200B}",
            "Acme iOS",
            "Nothing like it",
            "",
            "e\u{301}",
        ]
        .map(String::from)
        .to_vec();
        let req = app_request(names, catalog);
        let worded = CheckRun::new(req.clone()).finish_compact();
        let wordless = CheckRun::new(req).without_messages().finish_compact();
        let messages = |r: &CompactReport| {
            r.own
                .iter()
                .flat_map(|o| &o.diagnostics)
                .map(|d| d.message.len())
                .collect::<Vec<_>>()
        };
        let (a, b) = (messages(&worded), messages(&wordless));
        assert!(a.len() >= 10 && a.iter().all(|&n| n > 0), "{a:?}");
        // The wordless run keeps no findings, only their codes: the same as the worded run's.
        assert!(b.is_empty(), "{b:?}");
        assert!(worded.codes.len() >= 10);
        assert_eq!(wordless.codes, worded.codes);
        // And its check words nothing.
        for name in wordless.names() {
            let (found, _) = wordless.checker.check_one(name);
            assert!(found.diagnostics.iter().all(|d| d.message.is_empty()));
        }
        for i in 0..worded.len() {
            assert_eq!(wordless.result(i), worded.result(i), "name {i}");
        }
    }

    #[test]
    fn the_repeat_message_names_the_entry() {
        for n in [1, 9, 10, 12, 999_999, 1_000_000, usize::MAX] {
            assert_eq!(repeats_message(n), format!("Repeats entry {n} of the list"));
        }
    }

    #[test]
    fn a_request_takes_every_field_and_refuses_others() {
        let all = r#"{"kind":"app","names":[],"catalog":null,"setup":"current","context":"user"}"#;
        serde_json::from_str::<CheckRequest>(all).unwrap();
        assert!(serde_json::from_str::<CheckRequest>(
            r#"{"kind":"app","names":[],"catalogue":[]}"#
        )
        .is_err());
    }
}
