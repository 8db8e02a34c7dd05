//! Closing without losing the last words. Typing is saved after a short pause, so a close
//! request (the window's close button, Alt+F4, the system's quit or log-out signal) does not end
//! the app at once: the page is told, sends the saves still waiting, says so (the `closing`
//! commands), and only then the app exits. A page that does not answer within `HANDOVER_LIMIT`
//! is not waited for any longer, so the window always goes away.
//!
//! When an answer on the screen could not be saved, a close from the window may be questioned:
//! the page says it is asking the person (the limit no longer runs), then either hands over
//! ("Close anyway") or goes back ("Go back and fix"), which cancels the close. A close from the
//! system cannot wait for a person: it ends any question and the app exits.

use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, Window, WindowEvent};
use tokio::sync::watch;

/// How long the page may take to hand over its waiting saves. Saving one answer takes
/// milliseconds; this is for a busy disk, and short enough that nobody thinks the app hangs.
pub const HANDOVER_LIMIT: Duration = Duration::from_secs(3);

/// Who asked the app to close.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CloseBy {
    /// The window (its close button, Alt+F4, the window manager): a person is there to ask.
    Window,
    /// The system (log-out, shutdown, `kill`): nobody can be asked.
    System,
}

/// Where one close stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// No close requested (or the last one was called off).
    Open,
    /// The page is sending its waiting saves.
    Requested,
    /// The page asks the person whether to close with answers not saved.
    Asking,
    /// The page is done: the app exits.
    HandedOver,
}

struct Round {
    /// Counts the closes requested, so a close called off is told from the next one.
    number: u64,
    phase: Phase,
}

/// Whether the app is closing, and where the page is with it.
pub struct Closing {
    /// Who asked, once a close is requested; back to `None` when it is called off. The page
    /// waits for it.
    requested: watch::Sender<Option<CloseBy>>,
    round: Mutex<Round>,
    changed: Condvar,
}

impl Default for Closing {
    fn default() -> Self {
        Closing {
            requested: watch::channel(None).0,
            round: Mutex::new(Round { number: 0, phase: Phase::Open }),
            changed: Condvar::new(),
        }
    }
}

impl Closing {
    /// Resolves once a close has been requested (at once if it already was), with who asked.
    pub async fn requested(&self) -> CloseBy {
        let mut receiver = self.requested.subscribe();
        // The sender lives as long as the app, so the wait ends only with a request.
        receiver.wait_for(Option::is_some).await.ok().and_then(|by| *by).unwrap_or(CloseBy::System)
    }

    /// The page has sent every save it was waiting to send, and they are done (or the person
    /// chose to close anyway).
    pub fn hand_over(&self) {
        let mut round = self.lock();
        if matches!(round.phase, Phase::Requested | Phase::Asking) {
            round.phase = Phase::HandedOver;
        }
        self.changed.notify_all();
    }

    /// The page asks the person before closing; the time limit stops running. False when there
    /// is nobody to ask (the system asked to close) or the close is over.
    pub fn ask(&self) -> bool {
        let mut round = self.lock();
        let by_window = *self.requested.borrow() == Some(CloseBy::Window);
        if round.phase == Phase::Requested && by_window {
            round.phase = Phase::Asking;
            self.changed.notify_all();
            return true;
        }
        false
    }

    /// The person chose to go back: the close is called off and the app stays open.
    pub fn go_back(&self) {
        let mut round = self.lock();
        if round.phase == Phase::Asking {
            round.phase = Phase::Open;
            self.requested.send_replace(None);
        }
        self.changed.notify_all();
    }

    /// Whether the page is waiting to hear of a close request, so it is worth waiting for it.
    fn page_is_listening(&self) -> bool {
        self.requested.receiver_count() > 0
    }

    /// Starts a close; its number, or `None` when one is already under way (a second click, a
    /// signal during the close). A signal while the person is being asked ends the question.
    fn begin(&self, by: CloseBy) -> Option<u64> {
        let mut round = self.lock();
        match round.phase {
            Phase::Open => {
                round.number += 1;
                round.phase = Phase::Requested;
                self.requested.send_replace(Some(by));
                Some(round.number)
            }
            Phase::Asking if by == CloseBy::System => {
                round.phase = Phase::HandedOver;
                self.changed.notify_all();
                None
            }
            _ => None,
        }
    }

    /// Waits for close `number` to end: true when the app should exit (handed over, or the page
    /// took longer than `limit` to send its saves), false when the person went back.
    fn wait(&self, number: u64, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        let mut round = self.lock();
        loop {
            if round.number != number {
                return false;
            }
            match round.phase {
                Phase::HandedOver => return true,
                Phase::Open => return false,
                Phase::Asking => round = self.changed.wait(round).unwrap_or_else(|p| p.into_inner()),
                Phase::Requested => {
                    let left = deadline.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        return true;
                    }
                    round = self.changed.wait_timeout(round, left).unwrap_or_else(|p| p.into_inner()).0;
                }
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Round> {
        self.round.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The window's close request (its close button, Alt+F4, the window manager) starts the close
/// instead of closing the window under the page.
pub fn on_window_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    if let WindowEvent::CloseRequested { api, .. } = event {
        api.prevent_close();
        request(window.app_handle(), CloseBy::Window);
    }
}

/// Closes the app once the page has handed over its waiting saves (or after `HANDOVER_LIMIT`
/// while it sends them), unless the person goes back. Returns at once; the waiting happens on a
/// thread of its own, so the window stays responsive while the page saves and asks.
pub fn request<R: Runtime>(app: &AppHandle<R>, by: CloseBy) {
    let Some(closing) = app.try_state::<Arc<Closing>>().map(|state| Arc::clone(&state)) else {
        app.exit(0);
        return;
    };
    let page_is_listening = closing.page_is_listening();
    let Some(number) = closing.begin(by) else { return };
    let app = app.clone();
    std::thread::spawn(move || {
        if !page_is_listening || closing.wait(number, HANDOVER_LIMIT) {
            app.exit(0);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_handover_ends_the_wait_and_no_handover_is_waited_for_only_so_long() {
        let closing = Arc::new(Closing::default());
        let number = closing.begin(CloseBy::Window).expect("a close starts");
        assert!(closing.begin(CloseBy::Window).is_none(), "a second request starts no second close");
        let started = Instant::now();
        assert!(closing.wait(number, Duration::from_millis(200)), "time ran out: the app exits");
        assert!(started.elapsed() >= Duration::from_millis(200));

        let page = Arc::clone(&closing);
        let handing = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            page.hand_over();
        });
        let started = Instant::now();
        assert!(closing.wait(number, Duration::from_secs(10)));
        assert!(started.elapsed() < Duration::from_secs(5), "the handover ended the wait");
        handing.join().unwrap();
    }

    #[test]
    fn asking_stops_the_clock_and_going_back_calls_the_close_off() {
        let closing = Arc::new(Closing::default());
        let number = closing.begin(CloseBy::Window).unwrap();
        assert!(closing.ask());
        let page = Arc::clone(&closing);
        let person = std::thread::spawn(move || {
            // Longer than the limit: a person reading the question is waited for.
            std::thread::sleep(Duration::from_millis(300));
            page.go_back();
        });
        assert!(!closing.wait(number, Duration::from_millis(100)), "going back keeps the app open");
        person.join().unwrap();

        // The next close is a new one, and "Close anyway" ends it.
        let next = closing.begin(CloseBy::Window).expect("a new close after going back");
        assert_ne!(next, number);
        assert!(closing.ask());
        closing.hand_over();
        assert!(closing.wait(next, Duration::from_millis(100)));
    }

    #[test]
    fn the_system_cannot_be_asked_and_ends_a_question() {
        let closing = Closing::default();
        let number = closing.begin(CloseBy::System).unwrap();
        assert!(!closing.ask(), "nobody to ask when the system closes the app");
        closing.hand_over();
        assert!(closing.wait(number, Duration::from_secs(1)));

        let closing = Closing::default();
        let number = closing.begin(CloseBy::Window).unwrap();
        assert!(closing.ask());
        assert!(closing.begin(CloseBy::System).is_none(), "no second close, but the question ends");
        assert!(closing.wait(number, Duration::from_millis(100)));
    }

    #[test]
    fn the_page_hears_of_a_request_made_before_or_after_it_asks() {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let closing = Closing::default();
        assert!(!closing.page_is_listening());
        closing.begin(CloseBy::Window);
        assert_eq!(runtime.block_on(closing.requested()), CloseBy::Window);
    }
}
