//! The W3C WebDriver protocol over plain HTTP: JSON in, JSON out, one blocking request at a time.
//! Knows nothing about Common Ground; `App` builds on it.

use std::fmt;
use std::time::Duration;

use serde_json::{json, Value};

/// The key under which the protocol names an element in JSON.
pub(crate) const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// What went wrong with one WebDriver call. The variants tests react to get their own names;
/// everything else keeps the driver's own error code and message.
#[derive(Debug, Clone)]
pub enum WebDriverError {
    NoSuchElement,
    StaleElement,
    /// The element is there but cannot take a click or keys right now (hidden, covered, disabled).
    NotInteractable(String),
    Other {
        error: String,
        message: String,
    },
    /// The driver did not answer at all (not running, or the connection broke).
    Transport(String),
}

impl fmt::Display for WebDriverError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebDriverError::NoSuchElement => write!(f, "no such element"),
            WebDriverError::StaleElement => write!(f, "stale element reference"),
            WebDriverError::NotInteractable(message) => write!(f, "element not interactable: {message}"),
            WebDriverError::Other { error, message } => write!(f, "{error}: {message}"),
            WebDriverError::Transport(message) => write!(f, "WebDriver did not answer: {message}"),
        }
    }
}

impl std::error::Error for WebDriverError {}

pub type WdResult<T> = Result<T, WebDriverError>;

/// A connection to one WebDriver server (here: tauri-driver).
pub(crate) struct WebDriver {
    agent: ureq::Agent,
    base: String,
}

impl WebDriver {
    pub fn new(port: u16, timeout: Duration) -> Self {
        let agent = ureq::Agent::config_builder()
            // WebDriver reports errors as 4xx/5xx with a JSON body that says what happened.
            .http_status_as_error(false)
            // The driver is on loopback; a proxy from the environment must never see this traffic.
            .proxy(None)
            .timeout_global(Some(timeout))
            .build()
            .into();
        WebDriver { agent, base: format!("http://127.0.0.1:{port}") }
    }

    pub fn get(&self, path: &str) -> WdResult<Value> {
        let response = self.agent.get(&format!("{}{path}", self.base)).call();
        Self::value_of(response)
    }

    pub fn post(&self, path: &str, body: Value) -> WdResult<Value> {
        let response = self
            .agent
            .post(&format!("{}{path}", self.base))
            .header("Content-Type", "application/json; charset=utf-8")
            .send(body.to_string());
        Self::value_of(response)
    }

    pub fn delete(&self, path: &str) -> WdResult<Value> {
        let response = self.agent.delete(&format!("{}{path}", self.base)).call();
        Self::value_of(response)
    }

    /// Unwraps `{"value": ...}` and turns error answers into `WebDriverError`.
    fn value_of(response: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> WdResult<Value> {
        let mut response = response.map_err(|e| WebDriverError::Transport(e.to_string()))?;
        let status = response.status();
        let text = response
            .body_mut()
            .with_config()
            // Screenshots come back as base64 inside the JSON and can be several megabytes.
            .limit(256 * 1024 * 1024)
            .read_to_string()
            .map_err(|e| WebDriverError::Transport(e.to_string()))?;
        let parsed: Value = serde_json::from_str(&text).map_err(|e| {
            WebDriverError::Transport(format!("answer was not JSON ({e}), HTTP {status}: {}", truncate(&text, 500)))
        })?;
        let value = parsed.get("value").cloned().unwrap_or(Value::Null);
        if status.is_success() {
            return Ok(value);
        }
        let error = value.get("error").and_then(Value::as_str).unwrap_or("unknown error").to_string();
        let message = value.get("message").and_then(Value::as_str).unwrap_or("").to_string();
        Err(match error.as_str() {
            "no such element" => WebDriverError::NoSuchElement,
            "stale element reference" => WebDriverError::StaleElement,
            "element not interactable" | "element click intercepted" | "invalid element state" => {
                WebDriverError::NotInteractable(format!("{error}: {message}"))
            }
            _ => WebDriverError::Other { error, message },
        })
    }
}

/// The JSON form of an element reference, for script arguments.
pub(crate) fn element_json(id: &str) -> Value {
    json!({ ELEMENT_KEY: id })
}

/// Reads an element id out of a find-element answer.
pub(crate) fn element_id(value: &Value) -> WdResult<String> {
    value.get(ELEMENT_KEY).and_then(Value::as_str).map(str::to_string).ok_or_else(|| WebDriverError::Other {
        error: "bad answer".into(),
        message: format!("not an element: {value}"),
    })
}

pub(crate) fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max_chars).collect();
        format!("{cut}…")
    }
}
