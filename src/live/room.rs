//! The room's record: who has joined, what each device answered, and the limits that keep one
//! device (or the whole room) from swamping the presenter. Pure: no network, no clock (callers
//! pass `Instant`s), no terminal; the server holds it behind a mutex for microseconds at a time.
//!
//! A *round* is one opening of one question. While a round is open a device holds one vote (the
//! latest it sent); when the round locks, that vote becomes the device's answer to the
//! question, and later rounds on the same question (after going back) count as revisions, as
//! the self-test counts a changed answer.
//!
//! Over 400 lines because its tests stand beside the rules they hold (rate limits, rounds,
//! revisions, the device cap); the code alone is about 360 lines.

use std::collections::HashMap;
use std::time::Instant;

use crate::pack::Pack;
use crate::results::{Confidence, PatternResult, StepResult};

/// At most this many devices join one session.
pub const MAX_DEVICES: usize = 500;
/// A device may send this many requests at once ...
const DEVICE_BURST: f64 = 20.0;
/// ... and this many a second after that.
const DEVICE_RATE: f64 = 5.0;
/// The whole room may send this many at once ...
const ROOM_BURST: f64 = 3000.0;
/// ... and this many a second after that.
const ROOM_RATE: f64 = 1500.0;

/// A token bucket: `burst` requests at once, refilled at `rate` a second.
#[derive(Debug, Clone)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn new(burst: f64, now: Instant) -> Self {
        Bucket {
            tokens: burst,
            at: now,
        }
    }

    fn take(&mut self, burst: f64, rate: f64, now: Instant) -> bool {
        let elapsed = now.saturating_duration_since(self.at).as_secs_f64();
        self.tokens = (self.tokens + elapsed * rate).min(burst);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// One device's answer to one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The fact pattern it was asked on (index into the pack's), if any.
    pub case: Option<usize>,
    /// The question (index into the pack).
    pub question: usize,
    /// The option standing (index).
    pub option: usize,
    /// 1, 2 or 3.
    pub confidence: u8,
    /// From the round opening to the device's first vote.
    pub millis: u64,
    /// Changes after the first vote.
    pub revisions: u32,
    /// True once a round on this question has locked with this answer: it is then the
    /// scored answer, and later rounds only count revisions.
    pub settled: bool,
    /// The round the option was last given in.
    pub round: u64,
}

/// A joined device.
#[derive(Debug, Clone)]
pub struct Device {
    /// Join order from 1: the anonymous id is `student-001` and so on.
    pub number: usize,
    /// The name typed (with `--names`), already cleaned.
    pub name: Option<String>,
    /// Answers in the order the questions were first answered.
    pub answers: Vec<Answer>,
    bucket: Bucket,
}

impl Device {
    /// The name the results file carries: the typed name, else the anonymous id.
    pub fn label(&self) -> String {
        self.name
            .clone()
            .unwrap_or_else(|| format!("student-{:03}", self.number))
    }

    /// The answer to `question` on fact pattern `case`, if any.
    pub fn answer(&self, case: Option<usize>, question: usize) -> Option<&Answer> {
        self.answers
            .iter()
            .find(|a| a.case == case && a.question == question)
    }
}

/// Why a request changed nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The room already holds [`MAX_DEVICES`].
    Full,
    /// No device with this token joined.
    Unknown,
    /// Too many requests from this device, or from the room.
    TooMany,
    /// No question is open (never opened, locked or revealed).
    Closed,
    /// The option or confidence is not one the question has.
    Invalid,
}

/// A vote the room accepted: what the presenter's tally needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vote {
    /// The round voted in.
    pub round: u64,
    /// The device's number.
    pub device: usize,
    /// The option now held.
    pub option: usize,
    /// The option held before in this round, if any (the tally moves it).
    pub before: Option<usize>,
}

/// The open round, as the room needs to check a vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Open {
    /// The fact pattern shown, if any.
    pub case: Option<usize>,
    /// Round id.
    pub round: u64,
    /// The question.
    pub question: usize,
    /// Its option count.
    pub options: usize,
    /// When it opened.
    pub since: Instant,
}

/// Every device and its answers.
#[derive(Debug)]
pub struct Room {
    devices: Vec<Device>,
    tokens: HashMap<String, usize>,
    bucket: Bucket,
    open: Option<Open>,
}

impl Room {
    /// An empty room.
    pub fn new(now: Instant) -> Self {
        Room {
            devices: Vec::new(),
            tokens: HashMap::new(),
            bucket: Bucket::new(ROOM_BURST, now),
            open: None,
        }
    }

    /// Devices joined so far.
    pub fn joined(&self) -> usize {
        self.devices.len()
    }

    /// Every device, in join order.
    pub fn devices(&self) -> &[Device] {
        &self.devices
    }

    /// The device holding `token`.
    pub fn device(&self, token: &str) -> Option<&Device> {
        self.tokens.get(token).map(|&i| &self.devices[i])
    }

    /// Counts one request against the room's cap and, when `token` names a device, against
    /// that device's. Never per address: a classroom often shares one.
    pub fn admit(&mut self, token: Option<&str>, now: Instant) -> Result<(), Refusal> {
        if let Some(&i) = token.and_then(|t| self.tokens.get(t))
            && !self.devices[i].bucket.take(DEVICE_BURST, DEVICE_RATE, now)
        {
            return Err(Refusal::TooMany);
        }
        if self.bucket.take(ROOM_BURST, ROOM_RATE, now) {
            Ok(())
        } else {
            Err(Refusal::TooMany)
        }
    }

    /// Joins a device under `token` (fresh random text from the caller).
    pub fn join(&mut self, token: String, now: Instant) -> Result<usize, Refusal> {
        if self.devices.len() >= MAX_DEVICES {
            return Err(Refusal::Full);
        }
        let number = self.devices.len() + 1;
        self.tokens.insert(token, self.devices.len());
        self.devices.push(Device {
            number,
            name: None,
            answers: Vec::new(),
            bucket: Bucket::new(DEVICE_BURST, now),
        });
        Ok(number)
    }

    /// Sets the name a device typed (cleaned, at most 40 characters; empty clears it).
    pub fn name(&mut self, token: &str, name: &str) -> Result<(), Refusal> {
        let &i = self.tokens.get(token).ok_or(Refusal::Unknown)?;
        let clean: String = crate::text::sanitize_line(name.trim())
            .chars()
            .take(40)
            .collect();
        self.devices[i].name = (!clean.trim().is_empty()).then(|| clean.trim().to_owned());
        Ok(())
    }

    /// Opens a round (or, with `None`, closes whatever was open). Closing settles every
    /// answer given in the round: it is the one scored.
    pub fn set_open(&mut self, open: Option<Open>) {
        if let Some(was) = self.open
            && open.is_none_or(|o| o.round != was.round)
        {
            for d in &mut self.devices {
                for a in &mut d.answers {
                    if a.round == was.round {
                        a.settled = true;
                    }
                }
            }
        }
        self.open = open;
    }

    /// The round open now.
    pub fn open(&self) -> Option<Open> {
        self.open
    }

    /// Records a vote from `token` for `option` with `confidence` in the open round.
    pub fn vote(
        &mut self,
        token: &str,
        option: usize,
        confidence: u8,
        now: Instant,
    ) -> Result<Vote, Refusal> {
        let &i = self.tokens.get(token).ok_or(Refusal::Unknown)?;
        let open = self.open.ok_or(Refusal::Closed)?;
        if option >= open.options || Confidence::from_level(confidence).is_none() {
            return Err(Refusal::Invalid);
        }
        let device = &mut self.devices[i];
        let millis = u64::try_from(now.saturating_duration_since(open.since).as_millis())
            .unwrap_or(u64::MAX);
        let vote = |before| Vote {
            round: open.round,
            device: device_number(i),
            option,
            before,
        };
        match device
            .answers
            .iter_mut()
            .find(|a| a.case == open.case && a.question == open.question)
        {
            None => {
                device.answers.push(Answer {
                    case: open.case,
                    question: open.question,
                    option,
                    confidence,
                    millis,
                    revisions: 0,
                    settled: false,
                    round: open.round,
                });
                Ok(vote(None))
            }
            Some(a) => {
                let before = (a.round == open.round).then_some(a.option);
                if a.option != option {
                    a.revisions = a.revisions.saturating_add(1);
                }
                if !a.settled {
                    a.option = option;
                    a.confidence = confidence;
                }
                a.round = open.round;
                // After the answer settled, a later round's vote still shows in the tally
                // (the room is answering again) but is not the scored answer.
                Ok(vote(before))
            }
        }
    }
}

/// A device's record as a results file's fact pattern: the questions the room was asked, each
/// with this device's settled answer. `room_path` is the option the room went on with at each
/// question (so a device whose answers differ from the room's did not reach the conclusion on
/// its own answers: `followed_court` is then set and the outcome is not scored as its own).
pub fn pattern(
    pack: &Pack,
    device: &Device,
    case: usize,
    court: &crate::engine::Answers,
    conclusion: Option<usize>,
    room_path: &[(usize, usize)],
) -> PatternResult {
    let steps: Vec<StepResult> = device
        .answers
        .iter()
        .filter(|a| a.settled && a.case == Some(case))
        .map(|a| {
            let q = pack.question(a.question);
            StepResult {
                question: q.id.to_string(),
                first_answer: q.options[a.option].id.to_string(),
                court_answer: court.get(&a.question).map(|&o| q.options[o].id.to_string()),
                confidence: a.confidence,
                millis: a.millis,
                revisions: a.revisions,
                counts: None,
                points: None,
            }
        })
        .collect();
    let own_path = room_path.iter().all(|&(q, o)| {
        device
            .answer(Some(case), q)
            .is_some_and(|a| a.settled && a.option == o)
    });
    let the_case = &pack.cases()[case];
    // Scored as the self-test scores, from the first answers alone (which also sets the first
    // departure).
    crate::results::with_score(
        pack,
        PatternResult {
            case: the_case.id.to_string(),
            conclusion: conclusion.map(|c| pack.conclusion(c).id.to_string()),
            court_conclusion: the_case.expected.to_string(),
            // The room, not the device's own answers, carried it to the conclusion.
            followed_court: !own_path,
            first_departure: None,
            steps,
            score: None,
        },
    )
}

fn device_number(index: usize) -> usize {
    index + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn open(round: u64) -> Option<Open> {
        let since = Instant::now();
        (round > 0).then_some(Open {
            case: Some(0),
            round,
            question: 0,
            options: 3,
            since,
        })
    }

    #[test]
    fn one_vote_per_device_per_round_and_changes_move_it() {
        let now = Instant::now();
        let mut room = Room::new(now);
        room.join("t1".into(), now).unwrap();
        assert_eq!(room.vote("t1", 0, 2, now), Err(Refusal::Closed));
        room.set_open(open(1));
        let v = room.vote("t1", 0, 2, now).unwrap();
        assert_eq!(v.before, None);
        let v = room.vote("t1", 2, 3, now).unwrap();
        assert_eq!((v.before, v.option), (Some(0), 2));
        assert_eq!(room.vote("t1", 3, 2, now), Err(Refusal::Invalid));
        assert_eq!(room.vote("t1", 1, 4, now), Err(Refusal::Invalid));
        assert_eq!(room.vote("nobody", 1, 2, now), Err(Refusal::Unknown));
        room.set_open(None);
        assert_eq!(room.vote("t1", 1, 2, now), Err(Refusal::Closed));
        let a = room.devices()[0].answer(Some(0), 0).unwrap();
        assert_eq!(
            (a.option, a.confidence, a.revisions, a.settled),
            (2, 3, 1, true)
        );
        // Reopened later: a new vote counts as a revision, the settled answer stays.
        room.set_open(open(2));
        let v = room.vote("t1", 1, 1, now).unwrap();
        assert_eq!(v.before, None);
        let a = room.devices()[0].answer(Some(0), 0).unwrap();
        assert_eq!((a.option, a.revisions), (2, 2));
    }

    #[test]
    fn the_room_holds_at_most_its_devices_and_limits_a_flood() {
        let now = Instant::now();
        let mut room = Room::new(now);
        for i in 0..MAX_DEVICES {
            room.join(format!("t{i}"), now).unwrap();
        }
        assert_eq!(room.join("extra".into(), now), Err(Refusal::Full));
        let admitted = (0..1000)
            .filter(|_| room.admit(Some("t0"), now).is_ok())
            .count();
        assert_eq!(admitted, 20);
        // Another device is not limited by the first one's flood.
        assert!(room.admit(Some("t1"), now).is_ok());
        let later = now + Duration::from_secs(1);
        assert_eq!(
            (0..100)
                .filter(|_| room.admit(Some("t0"), later).is_ok())
                .count(),
            5
        );
    }
}
