"""The ``kit`` command: ``check``, ``export`` and ``serve``.

Exit codes: 0 success, 1 content errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kit.content import ContentInvalid, check_content, load_content
from kit.export import EXPORTERS, FORMATS, export_rows, rows_to_csv, rows_to_json
from kit.serve import DEFAULT_PORT, ServeSettings, serve


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kit", description="Border Violence Prevention Training Kit")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate the content; exit 1 on errors")
    check.add_argument("--strict", action="store_true", help="also require English and Spanish for every text")
    check.add_argument(
        "paths", nargs="*", metavar="PATH", help="extra content folders or files (default: KIT_CONTENT_PATH)"
    )

    export = commands.add_parser("export", help="write a content kind as open data")
    export.add_argument("kind", metavar="KIND", help=f"one of: {', '.join(sorted(EXPORTERS))}")
    export.add_argument("--format", choices=FORMATS, default="csv")
    export.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")

    scenario = commands.add_parser("scenario", help="report on scenarios' graphs or print one's map")
    scenario_commands = scenario.add_subparsers(dest="scenario_command", required=True, metavar="ACTION")
    scenario_commands.add_parser("report", help="nodes, endings, shortest and longest path of every scenario")
    graph = scenario_commands.add_parser("graph", help="print a scenario's map (text outline or Graphviz DOT)")
    graph.add_argument("scenario_id", metavar="ID")
    graph.add_argument("--format", choices=("text", "dot"), default="text")
    graph.add_argument("--lang", choices=("en", "es"), default="en")

    run = commands.add_parser("serve", help="serve the apps with Voila on 127.0.0.1")
    run.add_argument("--port", type=int, default=DEFAULT_PORT)
    run.add_argument("--no-browser", action="store_true", help="do not open a browser")
    run.add_argument("--notebooks", type=Path, help="folder to serve (default: the kit's notebooks)")
    run.add_argument("--pool-size", type=int, default=1, help="preheated kernels per notebook (0: none)")
    return parser


def _check(args: argparse.Namespace) -> int:
    errors = check_content(args.paths or None, strict=args.strict)
    for error in errors:
        print(error)
    if errors:
        print(f"{len(errors)} problem(s) found.", file=sys.stderr)
        return 1
    print("Content is valid." + (" (strict: both languages everywhere)" if args.strict else ""))
    return 0


def _export(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.kind not in EXPORTERS:
        parser.error(f"unknown kind {args.kind!r} for export; choose one of: {', '.join(sorted(EXPORTERS))}")
    try:
        content = load_content()
    except ContentInvalid as exc:
        print(exc, file=sys.stderr)
        return 1
    rows = export_rows(content, args.kind, args.format)
    text = rows_to_csv(rows) if args.format == "csv" else rows_to_json(rows)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _scenario(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from kit.scenario_views import scenario_map_dot, scenario_map_text
    from kit.scenarios import graph_report

    try:
        content = load_content()
    except ContentInvalid as exc:
        print(exc, file=sys.stderr)
        return 1
    scenarios = content.records["scenarios"]
    if args.scenario_command == "report":
        print(f"{'scenario':<44}{'nodes':>6}{'decisions':>10}{'endings':>8}{'shortest':>9}{'longest':>8}  CDM steps")
        for scenario in scenarios.values():
            r = graph_report(scenario)
            print(
                f"{r.scenario:<44}{r.nodes:>6}{r.decision_points:>10}{r.endings:>8}{r.shortest_path:>9}"
                f"{r.longest_path:>8}  {len(r.cdm_steps_used)}/5"
            )
        return 0
    if args.scenario_id not in scenarios:
        parser.error(f"no scenario {args.scenario_id!r}; choose one of: {', '.join(sorted(scenarios))}")
    scenario = scenarios[args.scenario_id]
    print(scenario_map_dot(scenario, args.lang) if args.format == "dot" else scenario_map_text(scenario, args.lang))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``kit`` command line; return its exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "check":
        return _check(args)
    if args.command == "export":
        return _export(args, parser)
    if args.command == "scenario":
        return _scenario(args, parser)
    settings = ServeSettings(
        port=args.port, open_browser=not args.no_browser, notebooks=args.notebooks, pool_size=args.pool_size
    )
    return serve(settings)


if __name__ == "__main__":
    sys.exit(main())
