//! One running app shared by the tests of a file that need no fresh state, since starting the
//! app is most of what a short test costs.
//!
//! `App::shared()` starts the app for the first test that asks, and for each later one brings
//! it back to its first screen in a new page (`App::back_to_start`): the data folder stays, so
//! each such test makes its own coalition under a name no other test of the file uses, and
//! looks only at that. A test that needs an empty data folder, or closes, kills or crashes the
//! app on purpose, launches an app of its own with `App::launch()`.
//!
//! A test that fails may leave anything behind (a dialog, a half-typed form, a slowed call), so
//! the next test gets a new app instead of that one. The app still running when the test
//! program ends is stopped as it exits (statics are never dropped, so an `atexit` hook does it).

use std::ops::Deref;
use std::sync::{Mutex, MutexGuard, Once, TryLockError};

use crate::{App, Turn};

/// The app the tests of this test program share, while one runs.
static SHARED: Mutex<Option<App>> = Mutex::new(None);
static STOP_AT_EXIT: Once = Once::new();

/// The shared app, held by one test at a time; use it as an `App`.
pub struct SharedApp {
    slot: MutexGuard<'static, Option<App>>,
    // Released after `slot`: no other test starts an app while this one may still be stopping.
    _turn: Turn,
}

impl App {
    /// The app shared by this file's tests, on its first screen, with the data earlier tests
    /// left (see the module's notes). Waits for its turn like `launch`.
    pub fn shared() -> SharedApp {
        let turn = Turn::take();
        let mut slot = SHARED.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if slot.as_ref().is_some_and(|app| !app.back_to_start()) {
            // Stopping it (by dropping it) cleans up its processes; a new one is the known state.
            *slot = None;
        }
        if slot.is_none() {
            STOP_AT_EXIT.call_once(|| {
                // SAFETY: registers a plain function without arguments; nothing else is required.
                unsafe {
                    libc::atexit(stop_shared_app);
                }
            });
            *slot = Some(App::start(None, true, None));
        }
        SharedApp { slot, _turn: turn }
    }
}

impl Deref for SharedApp {
    type Target = App;

    fn deref(&self) -> &App {
        self.slot.as_ref().expect("the shared app is running while a test holds it")
    }
}

impl Drop for SharedApp {
    fn drop(&mut self) {
        if std::thread::panicking() {
            // The test failed: the next one gets a new app, not whatever this one left.
            *self.slot = None;
        }
    }
}

/// Stops the shared app as the test program exits, with signals only (see `App`'s Drop).
extern "C" fn stop_shared_app() {
    let mut slot = match SHARED.try_lock() {
        Ok(slot) => slot,
        Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
        // A test still holds it: the program is exiting from inside that test; leave it be.
        Err(TryLockError::WouldBlock) => return,
    };
    if let Some(mut app) = slot.take() {
        app.stopping_at_exit = true;
        drop(app);
    }
}
