//! Writes the generated pack of N questions (`immunity::pack::generate::generate_pack`) to a
//! folder, for timing `immunity check` and the full screen on large packs by hand or with the
//! scripts in `../shared/tools/perf/`: `cargo run --release --example genpack -- N DIR`.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(dir)) = (args.get(1).and_then(|n| n.parse().ok()), args.get(2)) else {
        eprintln!("usage: genpack N DIR");
        std::process::exit(2);
    };
    let dir = std::path::Path::new(dir);
    for (rel, text) in immunity::pack::generate::generate_pack(n).iter() {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().expect("a file has a folder")).expect("folder");
        std::fs::write(&path, text).expect("written");
    }
}
