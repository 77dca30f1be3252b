"""`python -m checks`: build the site, check the content and the built pages, and
print each finding as `path:line:col: error|warning: message [rule]`.

Exit codes: 0 no errors (warnings pass unless --strict), 1 errors, 2 usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from .readability import DEFAULT_MAX_GRADE  # noqa: E402
from .runner import NothingBuilt, Report, run  # noqa: E402
from .safe_messaging import RulesFileError  # noqa: E402

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m checks", description=__doc__.split("\n")[0])
    parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    parser.add_argument("--output", type=Path, help="the built site (default: OUTPUT_PATH)")
    parser.add_argument(
        "--no-build", dest="build", action="store_false", help="check the site already built"
    )
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument(
        "--max-grade", type=float,
        default=float(os.environ.get("READABILITY_MAX_GRADE") or DEFAULT_MAX_GRADE),
        help="reading grade above which a page gets a warning (env READABILITY_MAX_GRADE)",
    )  # fmt: skip
    parser.add_argument(
        "--format", choices=("text", "github"), default="text",
        help="github: also print each finding as a GitHub Actions annotation",
    )  # fmt: skip
    return parser.parse_args(argv)


def print_report(report: Report, args: argparse.Namespace) -> None:
    for finding in report.findings:
        print(finding)
        if args.format == "github":
            print(finding.github_annotation())
    if report.grades:
        print(f"\nReading grade (Flesch-Kincaid; a warning above {args.max_grade:g}):")
        for grade in sorted(report.grades, key=lambda grade: (-(grade.grade or -99), grade.path)):
            shown = "    -" if grade.grade is None else f"{grade.grade:5.1f}"
            short = ", too short to grade" if grade.grade is None else ""
            print(f"  {shown}  {grade.path} ({grade.words} words{short})")
    if not report.built:
        print("\nThe build failed: the built pages were not checked. Fix the errors above first.")
    print(f"\n{report.errors} error(s), {report.warnings} warning(s)")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.settings.is_file():
        print(f"error: settings file not found: {args.settings}", file=sys.stderr)
        return EXIT_USAGE
    try:
        report = run(args.settings, args.output, build_first=args.build, max_grade=args.max_grade)
    except (RulesFileError, NothingBuilt) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    print_report(report, args)
    failed = report.errors or not report.built or (args.strict and report.warnings)
    return EXIT_FINDINGS if failed else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
