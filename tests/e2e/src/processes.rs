//! The processes around a test: a private X display when none is given, and the process tree
//! tauri-driver → WebKitWebDriver → app → WebKit processes, read from /proc, so that a test can
//! kill exactly its own app and clean up exactly what it started.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// An X display for the app: the one in `DISPLAY` (as under `xvfb-run`), or an Xvfb of our own.
pub(crate) struct Display {
    pub name: String,
    own_server: Option<Child>,
}

impl Display {
    pub fn from_env_or_start() -> Display {
        match std::env::var("DISPLAY") {
            Ok(name) if !name.is_empty() => Display { name, own_server: None },
            _ => Self::start_xvfb(),
        }
    }

    /// Starts Xvfb and lets it pick a free display number itself (`-displayfd`), which avoids
    /// racing other X servers for a number we guessed.
    fn start_xvfb() -> Display {
        let mut server = Command::new("Xvfb")
            .args(["-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("DISPLAY is not set and Xvfb could not start ({e}); install it with scripts/install-deps.sh --test, or run the tests under xvfb-run")
            });
        let stdout = server.stdout.take().expect("Xvfb stdout is piped");
        let mut line = String::new();
        // Xvfb writes the display number once it accepts connections.
        BufReader::new(stdout).read_line(&mut line).expect("reading the display number from Xvfb");
        let number = line.trim();
        if number.is_empty() {
            let _ = server.kill();
            let _ = server.wait();
            panic!("Xvfb exited without reporting a display number");
        }
        Display { name: format!(":{number}"), own_server: Some(server) }
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        if let Some(server) = self.own_server.as_mut() {
            signal(server.id() as i32, libc::SIGTERM);
            let _ = server.wait();
        }
    }
}

/// Sends a signal; a process that is already gone is not an error here.
pub(crate) fn signal(pid: i32, signal: i32) {
    // SAFETY: kill(2) has no memory-safety preconditions.
    unsafe {
        libc::kill(pid, signal);
    }
}

/// One line of /proc/<pid>/stat, the parts we need.
struct ProcStat {
    parent: i32,
    state: char,
}

fn proc_stat(pid: i32) -> Option<ProcStat> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is in parentheses and may itself contain spaces or parentheses.
    let after_name = &text[text.rfind(')')? + 2..];
    let mut fields = after_name.split(' ');
    let state = fields.next()?.chars().next()?;
    let parent = fields.next()?.parse().ok()?;
    Some(ProcStat { parent, state })
}

/// Whether a process still runs. A zombie counts as gone: in containers nobody may ever reap it.
pub(crate) fn is_running(pid: i32) -> bool {
    matches!(proc_stat(pid), Some(stat) if stat.state != 'Z' && stat.state != 'X')
}

/// Every live process below `root`, parents before children.
pub(crate) fn descendants(root: i32) -> Vec<i32> {
    let mut parent_of = Vec::new();
    if let Ok(entries) = std::fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Some(pid) = entry.file_name().to_str().and_then(|s| s.parse::<i32>().ok()) else { continue };
            if let Some(stat) = proc_stat(pid) {
                if stat.state != 'Z' && stat.state != 'X' {
                    parent_of.push((pid, stat.parent));
                }
            }
        }
    }
    let mut found = Vec::new();
    let mut frontier = vec![root];
    while let Some(parent) = frontier.pop() {
        for &(pid, p) in &parent_of {
            if p == parent && !found.contains(&pid) {
                found.push(pid);
                frontier.push(pid);
            }
        }
    }
    found
}

/// The app's process among `root`'s descendants: the one whose executable is `binary`.
pub(crate) fn find_app_process(root: i32, binary: &Path) -> Option<i32> {
    let wanted = binary.canonicalize().unwrap_or_else(|_| binary.to_path_buf());
    descendants(root).into_iter().find(|pid| {
        let exe = std::fs::read_link(format!("/proc/{pid}/exe")).ok();
        // A rebuilt binary shows up as "<path> (deleted)" for processes started before the build.
        let exe_matches = exe.as_deref().is_some_and(|exe| {
            exe == wanted || exe.to_string_lossy().strip_suffix(" (deleted)") == Some(&*wanted.to_string_lossy())
        });
        exe_matches || first_argument(*pid).is_some_and(|arg| Path::new(&arg) == binary || Path::new(&arg) == wanted)
    })
}

fn first_argument(pid: i32) -> Option<String> {
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
    let first = cmdline.split(|&b| b == 0).next()?;
    Some(String::from_utf8_lossy(first).into_owned())
}

/// Waits until none of `pids` runs; returns those still running when time is up.
pub(crate) fn wait_for_exit(pids: &[i32], timeout: Duration) -> Vec<i32> {
    let deadline = Instant::now() + timeout;
    loop {
        let running: Vec<i32> = pids.iter().copied().filter(|&pid| is_running(pid)).collect();
        if running.is_empty() || Instant::now() >= deadline {
            return running;
        }
        thread::sleep(Duration::from_millis(50));
    }
}
