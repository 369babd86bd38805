//! The join code, device tokens, the room's addresses and the QR code of the join address.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// The join code's alphabet: A–Z and 2–9 without O, I and L (and without 0 and 1), so a code
/// read off a projector cannot be mistyped between look-alikes.
pub const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// The port tried first when no `--bind` is given.
pub const DEFAULT_PORT: u16 = 8733;

/// `len` random bytes from the operating system.
fn random(len: usize) -> std::io::Result<Vec<u8>> {
    let mut bytes = vec![0u8; len];
    getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(bytes)
}

/// A new join code of `len` characters (4 to 8) from [`ALPHABET`].
pub fn join_code(len: usize) -> std::io::Result<String> {
    let len = len.clamp(4, 8);
    let mut code = String::with_capacity(len);
    while code.len() < len {
        for b in random(16)? {
            // Rejection sampling keeps every character equally likely.
            let limit = u8::try_from(256 / ALPHABET.len() * ALPHABET.len()).unwrap_or(u8::MAX);
            if b < limit && code.len() < len {
                code.push(char::from(ALPHABET[usize::from(b) % ALPHABET.len()]));
            }
        }
    }
    Ok(code)
}

/// True when `code` could be a join code (length and alphabet).
pub fn is_code(code: &str) -> bool {
    (4..=8).contains(&code.len()) && code.bytes().all(|b| ALPHABET.contains(&b))
}

/// A device token: 128 random bits in hex.
pub fn token() -> std::io::Result<String> {
    use std::fmt::Write as _;
    Ok(random(16)?.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    }))
}

/// Binds `bind` with `bind_one`, or without it all interfaces on [`DEFAULT_PORT`] or the
/// first free port of the twenty after it, or any free port.
pub fn listen<T>(
    bind: Option<SocketAddr>,
    bind_one: impl Fn(SocketAddr) -> std::io::Result<T>,
) -> std::io::Result<T> {
    if let Some(addr) = bind {
        return bind_one(addr);
    }
    let any = IpAddr::V4(Ipv4Addr::UNSPECIFIED);
    for port in DEFAULT_PORT..DEFAULT_PORT + 20 {
        if let Ok(l) = bind_one(SocketAddr::new(any, port)) {
            return Ok(l);
        }
    }
    bind_one(SocketAddr::new(any, 0))
}

/// The addresses students can reach `bound` at: itself when it is one address, else the
/// machine's own IPv4 interface addresses (found by listing the interfaces, never by
/// contacting anything), the room's network first and the loopback last.
pub fn room_addresses(bound: SocketAddr) -> Vec<SocketAddr> {
    if !bound.ip().is_unspecified() {
        return vec![bound];
    }
    let mut found: Vec<IpAddr> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .map(|i| i.ip())
        .filter(IpAddr::is_ipv4)
        .collect();
    found.sort_by_key(|ip| (ip.is_loopback(), *ip));
    found.dedup();
    if found.is_empty() {
        found.push(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    found
        .into_iter()
        .map(|ip| SocketAddr::new(ip, bound.port()))
        .collect()
}

/// The join address for `addr` and `code`.
pub fn join_url(addr: SocketAddr, code: &str) -> String {
    format!("http://{addr}/j/{code}")
}

/// The QR code of `text` as lines of half-block characters (two modules a character row),
/// dark on light with the quiet zone, so it scans from a projector in either colour scheme.
pub fn qr_lines(text: &str) -> Vec<String> {
    use qrcode::render::unicode::Dense1x2;
    let Ok(code) = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::L) else {
        return Vec::new();
    };
    code.render::<Dense1x2>()
        .dark_color(Dense1x2::Light)
        .light_color(Dense1x2::Dark)
        .build()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_use_only_the_unambiguous_alphabet() {
        for _ in 0..50 {
            let code = join_code(5).unwrap();
            assert!(is_code(&code), "{code}");
            assert!(!code.contains(['O', 'I', 'L', '0', '1']));
        }
        assert!(!is_code("ABC"));
        assert!(!is_code("ABCO"));
        assert_eq!(token().unwrap().len(), 32);
    }

    #[test]
    fn a_qr_code_is_square_and_drawn() {
        let lines = qr_lines("http://192.168.1.20:8733/j/K7QM");
        assert!(lines.len() > 10);
        assert!(
            lines
                .iter()
                .all(|l| l.chars().count() == lines[0].chars().count())
        );
    }
}
