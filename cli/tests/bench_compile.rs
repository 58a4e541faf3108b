//! `memowasm bench --compile` end to end: the rows and numbers of its report (not their
//! values, which are timings), and its one-line errors.

use std::path::Path;
use std::process::{Command, Output};

/// Runs `memowasm` from the workspace root, where the default manifest `bench/workloads.json` is.
fn memowasm(args: &[&str]) -> Output {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace root");
    Command::new(env!("CARGO_BIN_EXE_memowasm")).args(args).current_dir(root).output().expect("runs memowasm")
}

/// A positive, finite number.
fn number(field: &str) -> f64 {
    let x: f64 = field.parse().unwrap_or_else(|_| panic!("{field:?} is not a number"));
    assert!(x.is_finite() && x > 0.0, "{field} is not a positive number");
    x
}

#[test]
fn compile_reports_each_module_and_the_geometric_means() {
    let o = memowasm(&["bench", "--compile", "--workload", "fib", "--runs", "1", "--smith", "2"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let lines: Vec<&str> = out.lines().collect();
    let header: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(
        header,
        [
            "module",
            "set",
            "bytes",
            "memowasm",
            "µs",
            "memowasm-eager",
            "µs",
            "wasmi-lazy",
            "µs",
            "wasmi-eager",
            "µs",
            "x",
            "lazy",
            "x",
            "eager"
        ]
    );
    // One row per module: name, set, bytes, four times and two ratios.
    let rows: Vec<Vec<&str>> = lines[1..4].iter().map(|l| l.split_whitespace().collect()).collect();
    let names: Vec<(&str, &str)> = rows.iter().map(|r| (r[0], r[1])).collect();
    assert_eq!(names, [("fib", "bench"), ("smith-s0-0", "smith"), ("smith-s0-1", "smith")]);
    for r in &rows {
        assert_eq!(r.len(), 9, "{r:?}");
        assert!(r[2].parse::<usize>().unwrap() > 8, "{r:?}");
        let [lazy, eager, wasmi_lazy, wasmi_eager, x_lazy, x_eager] = [r[3], r[4], r[5], r[6], r[7], r[8]].map(number);
        // The ratios are of the printed times, to their rounding (0.05 µs, 0.0005).
        let close = |x: f64, a: f64, b: f64| (x - a / b).abs() <= a / b * (0.06 / a + 0.06 / b) + 0.001;
        assert!(close(x_lazy, lazy, wasmi_lazy), "{r:?}");
        assert!(close(x_eager, eager, wasmi_eager), "{r:?}");
    }
    assert_eq!(lines[4], "");
    assert_eq!(
        lines[5],
        "geometric mean of memowasm / wasmi (lazy to lazy, eager to eager), of the medians [of the fastest runs]:"
    );
    for (line, set, n) in [(lines[6], "bench modules", 1), (lines[7], "smith modules (seed 0)", 2)] {
        let rest = line.trim_start().strip_prefix(set).unwrap_or_else(|| panic!("{line:?}"));
        let f: Vec<&str> = rest.split_whitespace().collect();
        assert_eq!(f.len(), 10, "{line:?}");
        assert_eq!((f[0], f[1], f[4], f[5]), ("x", "lazy", "x", "eager"), "{line:?}");
        for i in [2, 6] {
            number(f[i]);
            number(f[i + 1].strip_prefix('[').and_then(|x| x.strip_suffix(']')).unwrap_or_else(|| panic!("{line:?}")));
        }
        assert_eq!(f[8..], [format!("({n}").as_str(), "modules)"], "{line:?}");
    }
    assert_eq!(lines.len(), 8, "{out}");
}

#[test]
fn compile_bad_input_is_one_error_line_and_exit_2() {
    let cases: &[(&[&str], &str)] = &[
        (&["bench", "--compile", "--runs", "0"], "error: --runs must be at least 1\n"),
        (&["bench", "--compile", "--workload", "nope"], "error: no workload matches [\"nope\"]\n"),
        (&["bench", "--smith", "2"], "error: --smith and --seed go with --compile\n"),
        (
            &["bench", "--compile", "--workload", "nope", "--smith", "0", "--manifest", "/nonexistent/w.json"],
            "error: cannot read /nonexistent/w.json: No such file or directory (os error 2)\n",
        ),
    ];
    for (args, message) in cases {
        let o = memowasm(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&o.stderr), *message, "{args:?}");
    }
    let o = memowasm(&["bench", "--compile", "--callgrind"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("error: the argument '--compile' cannot be used with") && err.lines().count() == 1,
        "{err}"
    );
}
