//! The bulk-assignment scheduler's decisions (issue 10, item 4): which row to send next, when
//! Okta's rate limit says wait, what to retry and when, and a journal that lets a job resume after
//! the side panel closes. Pure: the driver passes the time (`now_ms`, milliseconds since the Unix
//! epoch, what `Date.now()` gives) and each response's status, rate-limit headers and error body;
//! the scheduler never reads a clock, never makes a request, and draws its jitter from a seeded
//! generator kept in its journal.
//!
//! Driving it: call [`Scheduler::next`] until it answers `idle`, `paused`, `waitUntil` or
//! `finished`; make each `send` / `verify` request (aborting it after `requestTimeoutMs`) and
//! report its outcome with [`Scheduler::on_response`] / [`Scheduler::on_verified`]; call `next`
//! again after every outcome, after pause/resume, and when the `waitUntil` time comes. Save
//! [`Scheduler::to_journal`] after each of these calls, before making the request.
//!
//! Rows are indexes `0..rows`; what a row sends (assign, update) is the driver's business.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::wire::wire_enum;

/// The journal format this build writes and reads.
pub const JOURNAL_VERSION: u32 = 1;

/// The status a driver reports for a request that got no HTTP response (dropped connection,
/// timeout, offline).
pub const NETWORK_ERROR: u16 = 0;

/// How a job runs. Every field has a default, so `{}` is a valid configuration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct SchedulerConfig {
    /// Requests in flight at once (taken as 1 when 0).
    pub concurrency: u32,
    /// Tries of a row that may end in a 5xx or a network error; the last one fails the row.
    pub max_attempts: u32,
    /// 429s a row may meet before it fails. They are not failures (the row waits for the reset
    /// and goes again), but a job must end even if Okta never lets it through.
    pub max_rate_limited: u32,
    /// The first retry waits between half of this and all of it; each further retry doubles it.
    pub backoff_base_ms: u64,
    /// The longest wait before a retry.
    pub backoff_max_ms: u64,
    /// How long to wait after a 429 that came without `X-Rate-Limit-Reset`.
    pub rate_limit_fallback_ms: u64,
    /// The largest difference between Okta's clock and the browser's the job allows for: it
    /// waits this long past Okta's reset before sending again, and counts requests that ended
    /// this long before a reset as possibly counted after it.
    pub reset_margin_ms: u64,
    /// The driver aborts a request after this long. Until then a request may still reach Okta, so
    /// a row whose request was lost when the job stopped is read back only after it.
    pub request_timeout_ms: u64,
    /// The length of Okta's rate-limit window (a minute); used for the ETA only.
    pub rate_window_ms: u64,
    /// Before any response has carried the rate-limit headers the budget is unknown: requests
    /// go one at a time, and at most this many end per `rateLimitFallbackMs` (a request that
    /// ends without headers, say a dropped connection, may still have counted). With 1 and a
    /// fallback at least as long as Okta's window, no two such requests share a window.
    pub probe_budget: u32,
    /// Seed of the retry jitter.
    pub seed: u32,
}

impl Default for SchedulerConfig {
    fn default() -> Self {
        SchedulerConfig {
            concurrency: 4,
            max_attempts: 5,
            max_rate_limited: 10,
            backoff_base_ms: 1_000,
            backoff_max_ms: 60_000,
            rate_limit_fallback_ms: 60_000,
            reset_margin_ms: 1_000,
            request_timeout_ms: 30_000,
            rate_window_ms: 60_000,
            probe_budget: 1,
            seed: 0,
        }
    }
}

/// Okta's rate-limit headers, as numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RateHeaders {
    /// `X-Rate-Limit-Limit`: requests allowed in the window.
    pub limit: u32,
    /// `X-Rate-Limit-Remaining`: requests left in the window after this one.
    pub remaining: u32,
    /// `X-Rate-Limit-Reset`: when the window ends, in **seconds** since the Unix epoch (Okta's
    /// unit; the scheduler's clock is in milliseconds, see [`RateHeaders::reset_ms`]).
    pub reset_epoch_seconds: u64,
}

impl RateHeaders {
    /// The three header values as Okta sends them (decimal text); `None` if any is missing or
    /// not a number.
    pub fn parse(
        limit: Option<&str>,
        remaining: Option<&str>,
        reset: Option<&str>,
    ) -> Option<Self> {
        Some(RateHeaders {
            limit: limit?.trim().parse().ok()?,
            remaining: remaining?.trim().parse().ok()?,
            reset_epoch_seconds: reset?.trim().parse().ok()?,
        })
    }

    /// The reset in milliseconds since the Unix epoch, the scheduler's clock.
    pub fn reset_ms(&self) -> u64 {
        self.reset_epoch_seconds.saturating_mul(1_000)
    }
}

/// Okta's error body (`errorCode`, `errorSummary`, `errorCauses`); other fields (`errorLink`,
/// `errorId`) are accepted and dropped, so the driver can pass the body as it came.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OktaError {
    #[serde(default)]
    pub error_code: String,
    #[serde(default)]
    pub error_summary: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub error_causes: Vec<ErrorCause>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorCause {
    #[serde(default)]
    pub error_summary: String,
}

/// What came back for a request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Response {
    /// The HTTP status; [`NETWORK_ERROR`] (0) when there was no response.
    pub status: u16,
    /// The rate-limit headers, when all three came.
    #[serde(default)]
    pub rate: Option<RateHeaders>,
    /// Okta's error body, when there was one.
    #[serde(default)]
    pub error: Option<OktaError>,
}

impl Response {
    pub fn status(status: u16) -> Self {
        Response {
            status,
            ..Response::default()
        }
    }

    pub fn with_rate(mut self, rate: RateHeaders) -> Self {
        self.rate = Some(rate);
        self
    }

    pub fn with_error(mut self, code: &str, summary: &str) -> Self {
        self.error = Some(OktaError {
            error_code: code.to_string(),
            error_summary: summary.to_string(),
            error_causes: Vec::new(),
        });
        self
    }
}

wire_enum! {
    /// Where a row is.
    pub enum RowState {
        /// Not sent yet (or sent, and found not applied when read back).
        Pending => "pending",
        /// Its request is out.
        InFlight => "in-flight",
        /// Waiting for its retry time (after a 5xx or a 429).
        RetryWait => "retry-wait",
        /// Its request was out when the job stopped, or got no answer: read it back from Okta
        /// before sending again.
        Verify => "verify",
        /// The read-back is out.
        Verifying => "verifying",
        /// Okta applied it. Never sent again.
        Done => "done",
        /// Failed for good; `reason` and `error` say why.
        Failed => "failed",
    }
}

wire_enum! {
    /// Why a row failed.
    pub enum FailReason {
        /// Okta refused it (a 4xx other than 401 and 429): not retried.
        Rejected => "rejected",
        /// Every try ended in a 5xx.
        ServerErrors => "server-errors",
        /// Every try ended without a response (the last one decides between this and the above).
        Network => "network",
        /// It met more 429s than `maxRateLimited`.
        RateLimited => "rate-limited",
        /// A status that is neither success nor an error (1xx, 3xx).
        UnexpectedStatus => "unexpected-status",
    }
}

wire_enum! {
    /// Why the job is paused.
    pub enum PauseReason {
        /// The admin paused it.
        Admin => "admin",
        /// Okta answered 401: the admin's session ended. Sign in again, then resume.
        SessionExpired => "session-expired",
    }
}

/// What the driver should do now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Action {
    /// Send the row's request; `attempt` counts from 1.
    Send { row: usize, attempt: u32 },
    /// Read the row back from Okta (is the wanted value there already?), then call `on_verified`.
    Verify { row: usize },
    /// Nothing to send before this time (ms since the epoch), unless a response comes first.
    WaitUntil {
        #[serde(rename = "atMs")]
        at_ms: u64,
    },
    /// Nothing to send until a response comes.
    Idle,
    /// Paused: nothing is sent until `resume` (responses are still taken).
    Paused,
    /// Every row is done or failed, or the job was cancelled and nothing is in flight.
    Finished,
}

/// One row's record: the journal's line and the result CSV's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RowRecord {
    pub state: RowState,
    /// Requests sent for it (read-backs included).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub sends: u32,
    /// Tries that ended in a 5xx or a network error.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub failures: u32,
    /// 429s met.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub rate_limited: u32,
    /// When it may go (again): `retry-wait`, `verify`, and a `pending` row put back.
    #[serde(default, skip_serializing_if = "is_zero_ms")]
    pub ready_at_ms: u64,
    /// When its last request went out.
    #[serde(default, skip_serializing_if = "is_zero_ms")]
    pub sent_at_ms: u64,
    /// The last status Okta answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// Okta's error body of the last failed request, kept for the report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<OktaError>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<FailReason>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

fn is_zero_ms(n: &u64) -> bool {
    *n == 0
}

impl RowRecord {
    fn new() -> Self {
        RowRecord {
            state: RowState::Pending,
            sends: 0,
            failures: 0,
            rate_limited: 0,
            ready_at_ms: 0,
            sent_at_ms: 0,
            status: None,
            error: None,
            reason: None,
        }
    }

    fn terminal(&self) -> bool {
        matches!(self.state, RowState::Done | RowState::Failed)
    }
}

/// What the job knows of Okta's current rate-limit window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RateLimitWindow {
    /// The last `X-Rate-Limit-Limit`.
    pub limit: u32,
    /// The window's end (Okta's reset, in ms).
    pub reset_ms: u64,
    /// Requests the job may still send in this window: never more than Okta's last
    /// `Remaining` minus what was in flight then, less what was sent since.
    pub available: u32,
    /// False once the clock has passed `reset_ms` and no header has named the next window yet;
    /// `available` then counts from `limit`.
    pub current: bool,
}

/// Time the job has spent running, for the observed rate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RunClock {
    #[serde(default)]
    pub first_send_ms: Option<u64>,
    /// Paused time (and time the job was closed) since the first send.
    #[serde(default)]
    pub paused_ms: u64,
    #[serde(default)]
    pub paused_since_ms: Option<u64>,
    /// The latest time the scheduler was told; an earlier `now` counts as this.
    #[serde(default)]
    pub last_seen_ms: u64,
}

/// The scheduler's whole state, serialisable: save it after every call, restore it with
/// [`Scheduler::from_journal`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Journal {
    pub version: u32,
    pub config: SchedulerConfig,
    pub rows: Vec<RowRecord>,
    #[serde(default)]
    pub window: Option<RateLimitWindow>,
    /// No request before this (a 429 without a reset header).
    #[serde(default)]
    pub blocked_until_ms: u64,
    /// When recent requests ended: any that ended at or after a window's reset may have been
    /// counted in the next window. A request lost at a stop counts as ending when it could
    /// last have reached Okta (`sentAtMs + requestTimeoutMs`).
    #[serde(default)]
    pub ended: Vec<u64>,
    #[serde(default)]
    pub paused: Option<PauseReason>,
    #[serde(default)]
    pub cancelled: bool,
    /// The jitter generator's state.
    pub rng: u32,
    #[serde(default)]
    pub clock: RunClock,
}

/// Counts for the progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    pub total: usize,
    pub done: usize,
    pub failed: usize,
    /// Not done, not failed, not in flight (pending, waiting to retry, to be read back).
    pub remaining: usize,
    pub in_flight: usize,
    /// Requests sent so far (retries and read-backs included).
    pub sent: u64,
    pub paused: Option<PauseReason>,
    pub cancelled: bool,
    pub finished: bool,
    /// Milliseconds left: the slower of the observed rate and the rate limit's floor; `None`
    /// before either is known.
    pub eta_ms: Option<u64>,
}

/// A response or read-back for a row that has nothing out (a duplicate, or one from before a
/// restore): ignored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotAwaited {
    pub row: usize,
    pub state: Option<RowState>,
}

impl fmt::Display for NotAwaited {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.state {
            Some(s) => write!(
                f,
                "row {} has no request out (it is {s}): ignored",
                self.row
            ),
            None => write!(f, "there is no row {}: ignored", self.row),
        }
    }
}

impl std::error::Error for NotAwaited {}

/// A journal this build cannot read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JournalError {
    pub version: u32,
}

impl fmt::Display for JournalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the saved job is journal version {}, this version reads {JOURNAL_VERSION}: \
             read the rows back from Okta and start a new job",
            self.version
        )
    }
}

impl std::error::Error for JournalError {}

enum Pick {
    Ready(usize),
    Later(u64),
    Nothing,
}

enum Gate {
    Go,
    Until(u64),
    AwaitResponse,
}

/// The scheduler: its journal plus indexes rebuilt from it.
#[derive(Clone, Debug)]
pub struct Scheduler {
    j: Journal,
    /// Rows waiting for a time (`retry-wait`, `verify`, `pending` put back), by (ready, row);
    /// entries whose row has moved on are dropped when met.
    queue: BTreeSet<(u64, usize)>,
    /// Rows below it are not fresh `pending` rows (put-back ones are in `queue`).
    cursor: usize,
    in_flight: u32,
}

impl Scheduler {
    pub fn new(config: SchedulerConfig, rows: usize) -> Self {
        let rng = config.seed;
        Scheduler::index(Journal {
            version: JOURNAL_VERSION,
            config,
            rows: vec![RowRecord::new(); rows],
            window: None,
            blocked_until_ms: 0,
            ended: Vec::new(),
            paused: None,
            cancelled: false,
            rng,
            clock: RunClock::default(),
        })
    }

    /// The state to save.
    pub fn to_journal(&self) -> Journal {
        self.j.clone()
    }

    /// Takes a saved job up again at `now_ms`. A row whose request (or read-back) was out when
    /// the job stopped is marked `verify`: it is read back from Okta, no sooner than
    /// `requestTimeoutMs` after it was sent, before it can be sent again. The time the job was
    /// closed counts as paused for the ETA.
    pub fn from_journal(mut journal: Journal, now_ms: u64) -> Result<Self, JournalError> {
        if journal.version != JOURNAL_VERSION {
            return Err(JournalError {
                version: journal.version,
            });
        }
        let timeout = journal.config.request_timeout_ms;
        for row in &mut journal.rows {
            if matches!(row.state, RowState::InFlight | RowState::Verifying) {
                row.state = RowState::Verify;
                row.ready_at_ms = row.sent_at_ms.saturating_add(timeout);
                journal.ended.push(row.ready_at_ms);
            }
        }
        let clock = &mut journal.clock;
        let now = now_ms.max(clock.last_seen_ms);
        if clock.first_send_ms.is_some() && clock.paused_since_ms.is_none() {
            clock.paused_ms += now - clock.last_seen_ms;
        }
        clock.last_seen_ms = now;
        Ok(Scheduler::index(journal))
    }

    /// Takes a saved job up again like [`Scheduler::from_journal`], with the requests sent
    /// after the journal was saved: `sent` lists each as (row, when it went out), from a
    /// write-ahead log the driver writes before every request. Those rows that are not done or
    /// failed in the journal count as out when the job stopped, so they are read back before
    /// they can be sent again. A driver can then save the whole journal now and then instead
    /// of after every call.
    pub fn from_journal_and_log(
        mut journal: Journal,
        sent: &[(usize, u64)],
        now_ms: u64,
    ) -> Result<Self, JournalError> {
        for &(row, at_ms) in sent {
            let Some(r) = journal.rows.get_mut(row) else {
                continue;
            };
            if r.terminal() {
                continue;
            }
            if !matches!(r.state, RowState::InFlight | RowState::Verifying) {
                r.sends += 1;
            }
            r.state = RowState::InFlight;
            r.sent_at_ms = r.sent_at_ms.max(at_ms);
        }
        Scheduler::from_journal(journal, now_ms)
    }

    fn index(j: Journal) -> Self {
        let queue = j
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r.state, RowState::RetryWait | RowState::Verify))
            .map(|(i, r)| (r.ready_at_ms, i))
            .collect();
        let in_flight = j
            .rows
            .iter()
            .filter(|r| matches!(r.state, RowState::InFlight | RowState::Verifying))
            .count() as u32;
        Scheduler {
            j,
            queue,
            cursor: 0,
            in_flight,
        }
    }

    pub fn config(&self) -> &SchedulerConfig {
        &self.j.config
    }

    /// Every row's record, by index (for the result CSV).
    pub fn rows(&self) -> &[RowRecord] {
        &self.j.rows
    }

    pub fn window(&self) -> Option<RateLimitWindow> {
        self.j.window
    }

    /// The next thing to do.
    pub fn next(&mut self, now_ms: u64) -> Action {
        let now = self.touch(now_ms);
        if self.j.cancelled {
            return if self.in_flight > 0 {
                Action::Idle
            } else {
                Action::Finished
            };
        }
        let pick = self.pick(now);
        if matches!(pick, Pick::Nothing) && self.in_flight == 0 {
            return Action::Finished;
        }
        if self.j.paused.is_some() {
            return Action::Paused;
        }
        if self.in_flight >= self.j.config.concurrency.max(1) {
            return Action::Idle;
        }
        let row = match pick {
            Pick::Ready(row) => row,
            Pick::Later(at_ms) => return Action::WaitUntil { at_ms },
            Pick::Nothing => return Action::Idle,
        };
        match self.gate(now) {
            Gate::Go => {}
            Gate::Until(at_ms) => return Action::WaitUntil { at_ms },
            Gate::AwaitResponse => return Action::Idle,
        }
        let r = &mut self.j.rows[row];
        self.queue.remove(&(r.ready_at_ms, row));
        let verify = r.state == RowState::Verify;
        r.state = if verify {
            RowState::Verifying
        } else {
            RowState::InFlight
        };
        r.sends += 1;
        r.sent_at_ms = now;
        let attempt = r.sends;
        self.in_flight += 1;
        if let Some(w) = &mut self.j.window {
            w.available = w.available.saturating_sub(1);
        }
        self.j.clock.first_send_ms.get_or_insert(now);
        if verify {
            Action::Verify { row }
        } else {
            Action::Send { row, attempt }
        }
    }

    /// The outcome of a `send`. Returns the row's new state.
    pub fn on_response(
        &mut self,
        row: usize,
        now_ms: u64,
        response: &Response,
    ) -> Result<RowState, NotAwaited> {
        self.settle(row, now_ms, response, RowState::InFlight, true)
    }

    /// The outcome of a `verify` read-back: `response` is the read's own (its status and rate
    /// headers count like any other), `already_applied` whether Okta holds the wanted value.
    /// Applied: the row is done. Not applied: it goes back to pending and is sent again.
    pub fn on_verified(
        &mut self,
        row: usize,
        now_ms: u64,
        response: &Response,
        already_applied: bool,
    ) -> Result<RowState, NotAwaited> {
        self.settle(row, now_ms, response, RowState::Verifying, already_applied)
    }

    fn settle(
        &mut self,
        row: usize,
        now_ms: u64,
        response: &Response,
        expected: RowState,
        applied: bool,
    ) -> Result<RowState, NotAwaited> {
        let state = self.j.rows.get(row).map(|r| r.state);
        if state != Some(expected) {
            return Err(NotAwaited { row, state });
        }
        let now = self.touch(now_ms);
        self.in_flight -= 1;
        self.j.ended.push(now);
        let verifying = expected == RowState::Verifying;
        let status = response.status;
        if let Some(h) = response.rate {
            self.apply_headers(h);
        }
        // Where a row goes to be tried again: a read-back is read again, a send sent again.
        let again = if verifying {
            RowState::Verify
        } else {
            RowState::RetryWait
        };
        self.j.rows[row].status = Some(status);
        if !(200..300).contains(&status) {
            if let Some(e) = &response.error {
                self.j.rows[row].error = Some(e.clone());
            }
        }
        match status {
            200..=299 if applied => self.finish(row, RowState::Done, None),
            200..=299 => {
                let r = &mut self.j.rows[row];
                r.error = None;
                self.requeue(row, RowState::Pending, now);
            }
            429 => {
                let ready = self.rate_limited(now, response.rate);
                let r = &mut self.j.rows[row];
                r.rate_limited += 1;
                if r.rate_limited > self.j.config.max_rate_limited {
                    self.finish(row, RowState::Failed, Some(FailReason::RateLimited));
                } else {
                    self.requeue(row, again, ready);
                }
            }
            401 => {
                // Nothing was applied: the row goes again once the admin has signed in.
                self.pause_for(PauseReason::SessionExpired, now);
                let back = if verifying {
                    RowState::Verify
                } else {
                    RowState::Pending
                };
                self.requeue(row, back, now);
            }
            NETWORK_ERROR | 500..=599 => {
                let reason = if status == NETWORK_ERROR {
                    FailReason::Network
                } else {
                    FailReason::ServerErrors
                };
                let r = &mut self.j.rows[row];
                r.failures += 1;
                if r.failures >= self.j.config.max_attempts.max(1) {
                    self.finish(row, RowState::Failed, Some(reason));
                } else {
                    let failures = r.failures;
                    let wait = self.backoff(failures);
                    // Without an answer the send may have been applied: read it back first.
                    let again = if status == NETWORK_ERROR {
                        RowState::Verify
                    } else {
                        again
                    };
                    self.requeue(row, again, now.saturating_add(wait));
                }
            }
            // A read-back that finds no such assignment: not applied, send it.
            404 if verifying => {
                self.j.rows[row].error = None;
                self.requeue(row, RowState::Pending, now);
            }
            400..=499 => self.finish(row, RowState::Failed, Some(FailReason::Rejected)),
            _ => self.finish(row, RowState::Failed, Some(FailReason::UnexpectedStatus)),
        }
        Ok(self.j.rows[row].state)
    }

    fn finish(&mut self, row: usize, state: RowState, reason: Option<FailReason>) {
        let r = &mut self.j.rows[row];
        r.state = state;
        r.reason = reason;
        r.ready_at_ms = 0;
        if state == RowState::Done {
            r.error = None;
        }
    }

    fn requeue(&mut self, row: usize, state: RowState, ready_at_ms: u64) {
        let r = &mut self.j.rows[row];
        r.state = state;
        r.ready_at_ms = ready_at_ms;
        self.queue.insert((ready_at_ms, row));
    }

    /// Stops sending; responses to what is out are still taken.
    pub fn pause(&mut self, now_ms: u64) {
        let now = self.touch(now_ms);
        if !self.j.cancelled {
            self.pause_for(PauseReason::Admin, now);
        }
    }

    fn pause_for(&mut self, reason: PauseReason, now: u64) {
        if self.j.paused.is_none() {
            self.j.clock.paused_since_ms = Some(now);
        }
        self.j.paused = Some(reason);
    }

    pub fn resume(&mut self, now_ms: u64) {
        let now = self.touch(now_ms);
        if let Some(since) = self.j.clock.paused_since_ms.take() {
            if self.j.clock.first_send_ms.is_some() {
                self.j.clock.paused_ms += now - since.min(now);
            }
        }
        self.j.paused = None;
    }

    /// Sends nothing more; the job finishes once what is out has come back. Rows not done stay
    /// as they are (counted as remaining).
    pub fn cancel(&mut self, now_ms: u64) {
        self.touch(now_ms);
        self.j.cancelled = true;
    }

    pub fn progress(&self, now_ms: u64) -> Progress {
        let now = now_ms.max(self.j.clock.last_seen_ms);
        let (mut done, mut failed, mut sent) = (0, 0, 0u64);
        for r in &self.j.rows {
            match r.state {
                RowState::Done => done += 1,
                RowState::Failed => failed += 1,
                _ => {}
            }
            sent += u64::from(r.sends);
        }
        let total = self.j.rows.len();
        let in_flight = self.in_flight as usize;
        let remaining = total - done - failed - in_flight;
        let finished = if self.j.cancelled {
            in_flight == 0
        } else {
            done + failed == total
        };
        let left = remaining + in_flight;
        let eta_ms = if finished || left == 0 {
            Some(0)
        } else if self.j.cancelled {
            None
        } else {
            self.eta(now, done + failed, left)
        };
        Progress {
            total,
            done,
            failed,
            remaining,
            in_flight,
            sent,
            paused: self.j.paused,
            cancelled: self.j.cancelled,
            finished,
            eta_ms,
        }
    }

    /// The slower of: the rows left at the rate observed so far, and the floor the rate limit
    /// sets (what fits in the current window now, then `limit` rows per window).
    fn eta(&self, now: u64, completed: usize, left: usize) -> Option<u64> {
        let c = &self.j.clock;
        let observed = c.first_send_ms.and_then(|first| {
            let paused = c.paused_ms + c.paused_since_ms.map_or(0, |s| now - s.min(now));
            let active = now.saturating_sub(first).saturating_sub(paused);
            (completed > 0 && active > 0)
                .then(|| active.saturating_mul(left as u64) / completed as u64)
        });
        let floor = self.j.window.filter(|w| w.limit > 0).map(|w| {
            let over = (left as u64).saturating_sub(u64::from(w.available));
            if over == 0 {
                return 0;
            }
            let margin = self.j.config.reset_margin_ms;
            let to_reset = if w.current {
                (w.reset_ms + margin).saturating_sub(now)
            } else {
                0
            };
            to_reset + (over - 1) / u64::from(w.limit) * self.j.config.rate_window_ms
        });
        match (observed, floor) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        }
    }

    /// Takes the time in: never backwards; past the window's reset, the window rolls over.
    fn touch(&mut self, now_ms: u64) -> u64 {
        let now = now_ms.max(self.j.clock.last_seen_ms);
        self.j.clock.last_seen_ms = now;
        if let Some(w) = self.j.window {
            if w.current && now >= w.reset_ms {
                self.roll_over();
            }
        }
        now
    }

    /// The window has ended: a new one holds `limit`, less what may be counted in it: what is
    /// in flight, and what ended at or after the reset (Okta may have received it after the
    /// reset; the header that names a reset can come late, after such answers). "After the
    /// reset" by Okta's clock: ours may be behind it by up to the margin.
    fn roll_over(&mut self) {
        let in_flight = self.in_flight;
        let margin = self.j.config.reset_margin_ms;
        let ended = &mut self.j.ended;
        if let Some(w) = &mut self.j.window {
            ended.retain(|&e| e.saturating_add(margin) >= w.reset_ms);
            w.available = w.limit.saturating_sub(in_flight + ended.len() as u32);
            w.current = false;
        }
    }

    /// Takes in a response's headers. Within a window the budget only ever goes down (headers
    /// can come back out of order); a later window's headers name its reset.
    fn apply_headers(&mut self, h: RateHeaders) {
        let reset = h.reset_ms();
        let now = self.j.clock.last_seen_ms;
        let fresh = h.remaining.saturating_sub(self.in_flight);
        match self.j.window {
            None => {
                // Requests go one at a time until now, so Okta's count holds all that ended;
                // only requests lost at a stop may still arrive.
                self.j.ended.retain(|&e| e > now);
                let lost = self.j.ended.len() as u32;
                self.j.window = Some(RateLimitWindow {
                    limit: h.limit,
                    reset_ms: reset,
                    available: fresh.saturating_sub(lost),
                    current: true,
                });
            }
            Some(w) if reset < w.reset_ms => {}
            Some(w) if reset == w.reset_ms => {
                if w.current {
                    let w = self.j.window.as_mut().unwrap();
                    w.available = w.available.min(fresh);
                    w.limit = h.limit;
                }
            }
            Some(w) => {
                if w.current {
                    // Okta's clock is ahead of ours: its window has already rolled.
                    self.roll_over();
                }
                let w = self.j.window.as_mut().unwrap();
                w.available = w.available.min(fresh);
                w.limit = h.limit;
                w.reset_ms = reset;
                w.current = true;
            }
        }
    }

    /// A 429: with its headers, nothing more goes in their window; without them, nothing goes
    /// for `rateLimitFallbackMs`. Returns when the row may go again.
    fn rate_limited(&mut self, now: u64, rate: Option<RateHeaders>) -> u64 {
        let margin = self.j.config.reset_margin_ms;
        match (rate, &mut self.j.window) {
            (Some(h), Some(w)) if w.current && w.reset_ms == h.reset_ms() => {
                w.available = 0;
                w.reset_ms + margin
            }
            // About a window that has ended: the current one decides.
            (Some(h), Some(w)) if h.reset_ms() <= w.reset_ms => now,
            // Okta names a later reset (a burst, or a window the job has not seen yet): nothing
            // goes before it. A reset further than a window and the fallback away is taken as
            // a clock far off, and capped there.
            (Some(h), _) => {
                let cap = now
                    .saturating_add(self.j.config.rate_limit_fallback_ms)
                    .saturating_add(self.j.config.rate_window_ms);
                let until = h.reset_ms().saturating_add(margin).clamp(now, cap);
                self.j.blocked_until_ms = self.j.blocked_until_ms.max(until);
                until
            }
            (None, _) => {
                let until = now.saturating_add(self.j.config.rate_limit_fallback_ms);
                self.j.blocked_until_ms = self.j.blocked_until_ms.max(until);
                until
            }
        }
    }

    /// May a request go now?
    fn gate(&mut self, now: u64) -> Gate {
        if now < self.j.blocked_until_ms {
            return Gate::Until(self.j.blocked_until_ms);
        }
        let margin = self.j.config.reset_margin_ms;
        let fallback = self.j.config.rate_limit_fallback_ms;
        let in_flight = self.in_flight;
        let Some(w) = &mut self.j.window else {
            // No headers seen yet: one request at a time until Okta says what the budget is.
            if in_flight > 0 {
                return Gate::AwaitResponse;
            }
            let ended = &mut self.j.ended;
            ended.retain(|&e| e.saturating_add(fallback) > now);
            return match ended.iter().min() {
                Some(&first) if ended.len() >= self.j.config.probe_budget.max(1) as usize => {
                    Gate::Until(first + fallback)
                }
                _ => Gate::Go,
            };
        };
        if w.current {
            return if w.available > 0 {
                Gate::Go
            } else {
                Gate::Until(w.reset_ms + margin)
            };
        }
        if now < w.reset_ms + margin {
            Gate::Until(w.reset_ms + margin)
        } else if w.available > 0 {
            Gate::Go
        } else if in_flight > 0 {
            Gate::AwaitResponse
        } else {
            // Past the reset, the new window's budget spent, and no header has said when it
            // ends: assume a window ends after the fallback.
            w.reset_ms = now.saturating_add(fallback);
            w.current = true;
            Gate::Until(w.reset_ms + margin)
        }
    }

    /// The next row to go: a row whose wait is over (oldest first), else the next fresh row.
    fn pick(&mut self, now: u64) -> Pick {
        let mut later = None;
        while let Some(&(at, row)) = self.queue.first() {
            let r = &self.j.rows[row];
            let waiting = matches!(
                r.state,
                RowState::Pending | RowState::RetryWait | RowState::Verify
            );
            if !waiting || r.ready_at_ms != at {
                self.queue.pop_first();
                continue;
            }
            if at <= now {
                return Pick::Ready(row);
            }
            later = Some(at);
            break;
        }
        let rows = &self.j.rows;
        while self.cursor < rows.len() && rows[self.cursor].state != RowState::Pending {
            self.cursor += 1;
        }
        if self.cursor < rows.len() {
            return Pick::Ready(self.cursor);
        }
        later.map_or(Pick::Nothing, Pick::Later)
    }

    /// Exponential backoff with "equal jitter": between half the step and the whole of it.
    fn backoff(&mut self, failures: u32) -> u64 {
        let c = &self.j.config;
        let step = c
            .backoff_base_ms
            .saturating_mul(1u64 << failures.saturating_sub(1).min(32))
            .min(c.backoff_max_ms);
        let half = step / 2;
        let jitter = u64::from(mulberry32(&mut self.j.rng)) % (step - half + 1);
        half + jitter
    }

    /// Every row done or failed.
    pub fn all_settled(&self) -> bool {
        self.j.rows.iter().all(RowRecord::terminal)
    }
}

/// Mulberry32: a small generator whose whole state is one u32 (safe as a JS number in the
/// journal); plenty for spreading retries.
fn mulberry32(state: &mut u32) -> u32 {
    *state = state.wrapping_add(0x6D2B_79F5);
    let mut t = *state;
    t = (t ^ (t >> 15)).wrapping_mul(t | 1);
    t ^= t.wrapping_add((t ^ (t >> 7)).wrapping_mul(t | 61));
    t ^ (t >> 14)
}
