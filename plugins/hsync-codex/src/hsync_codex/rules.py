"""Rules → ``AGENTS.md`` managed blocks (``$CODEX_HOME/AGENTS.md``, ``<project>/AGENTS.md``).

The text comes from the shared renderer (:func:`hsync_core.rendering.instructions.render_instructions`), so
that OpenCode's adapter, which writes the same project ``AGENTS.md``, agrees byte for byte. What
this module adds is what Codex does with the files:

- in a directory holding ``AGENTS.override.md``, Codex reads that file instead of ``AGENTS.md``;
- Codex reads at most ``project_doc_max_bytes`` (32 KiB) of the project's files, root first, then
  each nested file down to the working directory, and cuts off the rest.
"""

from __future__ import annotations

from pathlib import Path

from hsync_core import Context, MarkdownBlock, Rendered, ReportEntry, Sources, markdown, render_instructions

from .paths import TARGET, Place

FILENAME = "AGENTS.md"
OVERRIDE = "AGENTS.override.md"


def render_rules(sources: Sources, ctx: Context, place: Place, doc_limit: int) -> Rendered:
    rendered = render_instructions(
        sources, ctx, level=place.level, root=place.root, filename=FILENAME, target=TARGET
    )
    blocks = [o for o in rendered.outputs if isinstance(o, MarkdownBlock)]
    report = list(rendered.report)
    for block in blocks:
        override = block.path.with_name(OVERRIDE)
        if _text(override).strip():
            report.append(
                _warning(
                    place,
                    block.path,
                    f"Codex reads {place.show(override)} instead of {place.show(block.path)}, "
                    "so it does not see these rules",
                )
            )
    if place.level == "project" and blocks:
        report.extend(_size_warnings(place, blocks, doc_limit))
    return Rendered(outputs=rendered.outputs, report=report)


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _size_after_sync(block: MarkdownBlock) -> int:
    """The size of ``block.path`` once the block is written (the text around it is kept)."""
    try:
        text = markdown.put(_text(block.path), block.content)
    except markdown.BlockError:  # broken markers: the core reports the file
        text = markdown.render(block.content)
    return len(text.encode("utf-8"))


def _size_warnings(place: Place, blocks: list[MarkdownBlock], limit: int) -> list[ReportEntry]:
    main_path = place.root / FILENAME
    if limit == 0:
        return [_warning(place, main_path, "project_doc_max_bytes = 0: Codex reads no project AGENTS.md")]
    sizes = {b.path: _size_after_sync(b) for b in blocks}
    main = sizes.pop(main_path, len(_text(main_path).encode("utf-8")))
    chains = [([main_path], main)] + [([main_path, path], main + size) for path, size in sizes.items()]
    report = []
    for paths, total in chains:
        if total <= limit or (len(paths) > 1 and main > limit):
            continue
        where = " + ".join(place.show(p) for p in paths)
        verb = "is" if len(paths) == 1 else "come to"
        report.append(
            _warning(
                place,
                paths[-1],
                f"{where} {verb} {total} bytes but Codex reads only {limit} bytes of project "
                "instructions (project_doc_max_bytes) and cuts off the rest: shorten the rules "
                "or raise project_doc_max_bytes in $CODEX_HOME/config.toml",
            )
        )
    return report


def _warning(place: Place, path: Path, reason: str) -> ReportEntry:
    return ReportEntry(
        kind="rules",
        name=f"{place.level} rules",
        scope=place.level,
        reason=reason,
        action="warning",
        path=path,
    )
