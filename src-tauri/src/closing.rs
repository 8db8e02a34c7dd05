//! Closing without losing the last words. Typing is saved after a short pause, so a close
//! request (the window's close button, Alt+F4, the system's quit or log-out signal) does not end
//! the app at once: the page is told, sends the saves still waiting, says so (the `closing`
//! commands), and only then the app exits. A page that does not answer within `HANDOVER_LIMIT`
//! is not waited for any longer, so the window always goes away.

use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use tauri::{AppHandle, Manager, Runtime, Window, WindowEvent};
use tokio::sync::watch;

/// How long the page may take to hand over its waiting saves. Saving one answer takes
/// milliseconds; this is for a busy disk, and short enough that nobody thinks the app hangs.
pub const HANDOVER_LIMIT: Duration = Duration::from_secs(3);

/// Whether the app is closing, and whether the page has handed over its saves.
pub struct Closing {
    /// Becomes true once, when a close is requested. The page waits for it.
    requested: watch::Sender<bool>,
    handed_over: Mutex<bool>,
    handed_over_changed: Condvar,
}

impl Default for Closing {
    fn default() -> Self {
        Closing { requested: watch::channel(false).0, handed_over: Mutex::new(false), handed_over_changed: Condvar::new() }
    }
}

impl Closing {
    /// Resolves once a close has been requested (at once if it already was).
    pub async fn requested(&self) {
        let mut receiver = self.requested.subscribe();
        // The sender lives as long as the app, so the wait ends only with a request.
        let _ = receiver.wait_for(|requested| *requested).await;
    }

    /// The page has sent every save it was waiting to send, and they are done.
    pub fn hand_over(&self) {
        *self.handed_over.lock().unwrap_or_else(|p| p.into_inner()) = true;
        self.handed_over_changed.notify_all();
    }

    /// Whether the page is waiting to hear of a close request, so it is worth waiting for it.
    fn page_is_listening(&self) -> bool {
        self.requested.receiver_count() > 0
    }

    /// Marks the close as requested; false when it already was (a second click, or a signal
    /// during the close).
    fn begin(&self) -> bool {
        !self.requested.send_replace(true)
    }

    /// Waits until the page hands over its saves, at most `limit`; false when time ran out.
    fn wait_for_handover(&self, limit: Duration) -> bool {
        let guard = self.handed_over.lock().unwrap_or_else(|p| p.into_inner());
        let (guard, _) = self
            .handed_over_changed
            .wait_timeout_while(guard, limit, |handed_over| !*handed_over)
            .unwrap_or_else(|p| p.into_inner());
        *guard
    }
}

/// The window's close request (its close button, Alt+F4, the window manager) starts the close
/// instead of closing the window under the page.
pub fn on_window_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    if let WindowEvent::CloseRequested { api, .. } = event {
        api.prevent_close();
        request(window.app_handle());
    }
}

/// Closes the app once the page has handed over its waiting saves (or after `HANDOVER_LIMIT`).
/// Returns at once; the waiting happens on a thread of its own, so the window stays responsive
/// while the page saves.
pub fn request<R: Runtime>(app: &AppHandle<R>) {
    let Some(closing) = app.try_state::<Arc<Closing>>().map(|state| Arc::clone(&state)) else {
        app.exit(0);
        return;
    };
    let page_is_listening = closing.page_is_listening();
    if !closing.begin() {
        return;
    }
    let app = app.clone();
    std::thread::spawn(move || {
        if page_is_listening && !closing.wait_for_handover(HANDOVER_LIMIT) {
            eprintln!("The window did not finish saving within {} s; closing anyway.", HANDOVER_LIMIT.as_secs());
        }
        app.exit(0);
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn a_handover_ends_the_wait_and_no_handover_is_waited_for_only_so_long() {
        let closing = Arc::new(Closing::default());
        assert!(closing.begin());
        assert!(!closing.begin(), "a second request starts no second close");
        let started = Instant::now();
        assert!(!closing.wait_for_handover(Duration::from_millis(200)));
        assert!(started.elapsed() >= Duration::from_millis(200));

        let page = Arc::clone(&closing);
        let handing = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            page.hand_over();
        });
        assert!(closing.wait_for_handover(Duration::from_secs(10)));
        handing.join().unwrap();
    }

    #[test]
    fn the_page_hears_of_a_request_made_before_or_after_it_asks() {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let closing = Closing::default();
        assert!(!closing.page_is_listening());
        closing.begin();
        runtime.block_on(closing.requested());
    }
}
