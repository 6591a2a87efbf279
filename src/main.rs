//! The `lernorte` command line. Only argument handling and printing live here; the work is
//! done by the library.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use lernorte::diagnostics::{self, Diagnostic, Severity};
use lernorte::{BuildError, BuildOptions};

#[derive(Parser)]
#[command(
    name = "lernorte",
    version,
    about = "Baut die Website des Netzwerks „Natur erleben Stuttgart“ aus Lernort- und Angebotsdateien."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Prüft alle Inhalte und baut die Website in den Ausgabeordner.
    Build {
        /// Ordner der Website (mit site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Ausgabeordner; Standard: <root>/public.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Adresse der Website; ersetzt base_url aus site.yaml.
        #[arg(long)]
        base_url: Option<String>,
        /// Zeigt die Dauer der einzelnen Schritte (Lesen, Prüfen, Erzeugen, Schreiben).
        #[arg(long, short)]
        verbose: bool,
    },
}

/// Exit codes: 0 success, 1 content errors, 2 usage errors (also clap's own).
const EXIT_CONTENT: u8 = 1;
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            out,
            base_url,
            verbose,
        } => build(root, out, base_url, verbose),
    }
}

fn print_findings(diags: &[Diagnostic], sources: &diagnostics::Sources) {
    if !diags.is_empty() {
        eprint!("{}", diagnostics::render_human(diags, sources));
    }
}

fn build(root: PathBuf, out: Option<PathBuf>, base_url: Option<String>, verbose: bool) -> ExitCode {
    let started = Instant::now();
    let out = out.unwrap_or_else(|| root.join("public"));
    let mut options = BuildOptions::new(&root);
    options.base_url = base_url;
    match lernorte::build(&options, &out) {
        Ok(built) => {
            print_findings(&built.diagnostics, &built.sources);
            let s = &built.site;
            let pages = built
                .files
                .iter()
                .filter(|f| f.path.ends_with(".html"))
                .count();
            let warnings = built
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Warning)
                .count();
            let warn_text = if warnings > 0 {
                format!(", {}", diagnostics::summary(&built.diagnostics))
            } else {
                String::new()
            };
            println!(
                "Fertig: {} Lernorte, {} Angebote, {} Seiten in {} ms{warn_text} → {}",
                s.places.len(),
                s.offers.len(),
                pages,
                started.elapsed().as_millis(),
                out.display()
            );
            if verbose {
                let t = built.timings;
                println!(
                    "Schritte: Lesen {:.1} ms, Prüfen {:.1} ms, Seiten {:.1} ms, Suchindex {:.1} ms (gleichzeitig mit den Seiten), Schreiben {:.1} ms",
                    t.load.as_secs_f64() * 1e3,
                    t.validate.as_secs_f64() * 1e3,
                    t.render.as_secs_f64() * 1e3,
                    t.search.as_secs_f64() * 1e3,
                    t.write.as_secs_f64() * 1e3
                );
            }
            ExitCode::SUCCESS
        }
        Err(BuildError::Content {
            diagnostics: diags,
            sources,
        }) => {
            print_findings(&diags, &sources);
            eprintln!(
                "Abgebrochen: {}. Die bisherige Website in {} bleibt unverändert.",
                diagnostics::summary(&diags),
                out.display()
            );
            ExitCode::from(EXIT_CONTENT)
        }
        Err(e @ BuildError::NotASite(_)) => {
            eprintln!(
                "Fehler: {e}\nHinweis: Geben Sie mit --root den Ordner an, in dem site.yaml liegt."
            );
            ExitCode::from(EXIT_USAGE)
        }
        Err(BuildError::Write(e)) => {
            eprintln!("Fehler: {e}");
            match e {
                lernorte::write::WriteError::Io { .. } => ExitCode::from(EXIT_CONTENT),
                _ => ExitCode::from(EXIT_USAGE),
            }
        }
    }
}
