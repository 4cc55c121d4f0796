//! `exec-hostile`: content a terminal must not trust. Terminal escapes (CSI, OSC title and
//! hyperlink), CR, BEL, backspace, DEL, C1 controls, a bidi override, a 10,000-character
//! line, CJK and emoji, the API doc's own entry (malformed timestamp, `" System"`), fields a
//! client does not know, an entry with empty and null fields; its description and outputs
//! carry escapes too.
//!
//! It must not change over time (no clock).

use serde_json::{Map, json};

use super::action;
use super::s;
use crate::data::script::{Builder, Life, Record, Script, TaskPlan};
use crate::data::status::Status;
use crate::data::time::utc_ms;

/// When `exec-hostile` starts.
pub(crate) const HOSTILE_BASE: i64 = utc_ms(2024, 6, 3, 12, 0);

/// `exec-hostile`.
pub(crate) fn hostile(id: &str, base_ms: i64) -> Script {
    let mut b = Builder::new(id, base_ms);
    let escapes = b.task(
        1,
        TaskPlan::new(
            "printEscapes",
            action::RUN_COMMAND,
            0,
            Some(s(5)),
            Status::Success,
        ),
    );
    let long = b.task(
        2,
        TaskPlan::new(
            "printLongLines",
            action::RUN_COMMAND,
            s(6),
            Some(s(8)),
            Status::Success,
        ),
    );
    let unknown = b.task(
        3,
        TaskPlan::new(
            "unknownFields",
            action::EXECUTE_API,
            s(10),
            Some(s(10)),
            Status::Success,
        ),
    );
    b.task(
        10,
        TaskPlan::new(
            "CheckDiskCategory",
            action::EXECUTE_API,
            s(9),
            Some(s(9)),
            Status::Success,
        ),
    );
    let long_line = "0123456789abcdef".repeat(625); // 10,000 characters, no spaces
    let lines: [(u64, &str, _, &str); 9] = [
        (
            0,
            "Info",
            escapes,
            "\x1b[31mred text\x1b[0m then \x1b[2J\x1b[H a screen clear",
        ),
        (
            1,
            "Info",
            escapes,
            "\x1b]0;pwned title\x07 and a link \x1b]8;;http://evil.example/\x1b\\click me\x1b]8;;\x1b\\",
        ),
        (
            2,
            "Warning",
            escapes,
            "all good\rFAILED: overwritten by a carriage return",
        ),
        (
            3,
            "Info",
            escapes,
            "bells\x07\x07 and backspaces abc\x08\x08\x08xyz and DEL\x7f",
        ),
        (
            4,
            "Info",
            escapes,
            "a C1 CSI \u{9b}31m and NEL\u{85} in the middle",
        ),
        (
            5,
            "Info",
            escapes,
            "report\u{202e}fdp.exe (a bidi override)",
        ),
        (6, "Info", long, &long_line),
        (
            7,
            "Info",
            long,
            "line one\nline two\n\tindented with a tab\r\nwindows line end",
        ),
        (8, "Info", long, "部署完成 ✅ 🚀 デプロイ 배포 — naïve café"),
    ];
    for (second, log_type, task, message) in lines {
        b.log(s(second), log_type, Some(task), message);
    }
    // The API doc's own sample: malformed timestamp and a leading space in LogType.
    let mut doc = Map::new();
    doc.insert("TaskExecutionId".into(), json!(format!("{id}.t0010")));
    doc.insert(
        "Message".into(),
        json!("The task CheckDiskCategory completed."),
    );
    doc.insert("LogType".into(), json!(" System"));
    doc.insert("Timestamp".into(), json!("2019-05-24T:02:29:07Z"));
    b.raw(s(9), doc);
    let mut extra = Map::new();
    extra.insert("TaskExecutionId".into(), json!(b.task_id(unknown)));
    extra.insert(
        "Message".into(),
        json!("an entry with fields the client does not know"),
    );
    extra.insert("LogType".into(), json!("Debug"));
    extra.insert("Timestamp".into(), json!(b.timestamp(s(10))));
    extra.insert(
        "Extra".into(),
        json!({"Nested": [1, 2, {"k": "v"}], "Flag": true}),
    );
    extra.insert("Sequence".into(), json!(11));
    b.raw(s(10), extra);
    let mut sparse = Map::new();
    sparse.insert("Message".into(), json!(""));
    sparse.insert("LogType".into(), serde_json::Value::Null);
    sparse.insert("Timestamp".into(), json!(b.timestamp(s(11))));
    b.raw(s(11), sparse);
    b.finish(
        Record::new("hostile-content")
            .description("\x1b[31mred\x1b[0m description\r\noverwritten \x1b]0;title\x07")
            .outputs(json!({"result": "\x1b[2Jcleared\u{202e}txt.exe"}))
            .executed_by("mallory\x1b[8m"),
        Life::ended(0, s(12), Status::Success),
    )
}
