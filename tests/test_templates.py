"""Template sets: partial overrides, a user's Word file, branding in both formats, the sandbox, exact errors,
and the `iisg templates` commands."""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app
from cli.config import Config, load_config
from cli.errors import TemplateError
from cli.render.templates import display_path, make_environment, resolve_template_set
from cli.report import ReportResult, make_report
from cli.report.context import ReportContext
from cli.report.sample import sample_activities, sample_context

from conftest import ROOT

DEFAULT_DOCX = ROOT / "report_templates" / "default" / "report.docx"
UNKNOWN = "fix the template or use a name listed in docs/templates.md"
UNSAFE = "templates may only read the report's names (docs/templates.md); remove this expression"
DOCX_TAG = ("{%tr … %} is a docxtpl tag and only works alone in its table row, written without a space after {% "
            "({%p %} in a paragraph, {%tr %} in a table row, {%tc %} in a table cell, {%r %} in a run); "
            "in HTML use {% if %} and {% for %}")
DISCLAIMER = "This report is compiled from the news posts of the IISG Secretariat"
DOCS = ROOT / "docs" / "templates.md"
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
runner = CliRunner()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def word_file_with(path: Path, *paragraphs: str) -> Path:
    """The default Word template with paragraphs added at the end, saved at path."""
    from docx import Document

    document = Document(str(DEFAULT_DOCX))
    for text in paragraphs:
        document.add_paragraph(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def docx_text(path: Path) -> str:
    from docx import Document

    document = Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def docx_part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def iisg(project: Path, *args: str):  # noqa: ANN201 - click's Result
    return runner.invoke(app, ["--config", str(project / "config.yaml"), *args])


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with config.yaml and three user sets: one HTML block, only CSS, only a Word file."""
    from docx import Document

    root = tmp_path_factory.mktemp("project")
    shutil.copy(ROOT / "config.yaml", root / "config.yaml")
    sets = root / "report_templates"
    write(sets / "one-block" / "report.html.j2",
          '{% extends "default/report.html.j2" %}\n'
          '{% block summary %}<section class="chapter" id="summary"><h1>Summary for the Board</h1>'
          "<p>{{ count }} activities under {{ front.reference }} in "
          '{{ economy_sections|map(attribute="key")|map("country")|join_and }}, '
          'issued {{ "2022-04-20"|eu_date }}.</p></section>{% endblock %}\n')
    write(sets / "css-only" / "report.css", '{% include "default/report.css" %}\nh1 { color: #AB0012; }\n')
    document = Document(str(DEFAULT_DOCX))
    heading = next(p for p in document.paragraphs if p.text == "Contents")
    heading.runs[0].text = "Table of contents"
    (sets / "own-docx").mkdir()
    document.save(str(sets / "own-docx" / "report.docx"))
    return root


@pytest.fixture(scope="module")
def config(project: Path) -> Config:
    return load_config(project / "config.yaml")


@pytest.fixture(scope="module")
def context(config: Config) -> ReportContext:
    return sample_context(config)


def html_of(context: ReportContext, config: Config, template: str) -> str:
    from cli.render.pdf import render_html

    return render_html(context, resolve_template_set(template, config.root))


def report(config: Config, out: Path, **options: object) -> ReportResult:
    settings: dict[str, object] = dict(
        period="2022-Q1", date_from=None, date_to=None, profile="quarterly", formats=["docx"], output_dir=out,
        narrative=None, template=None, status="draft", issue_date=None,
    )
    settings.update(options)
    return make_report(sample_activities(), config, **settings)  # type: ignore[arg-type]


# ------------------------------------------------------------------ partial sets


def test_a_set_overriding_one_block_keeps_the_rest(context: ReportContext, config: Config) -> None:
    html = html_of(context, config, "one-block")
    assert ("<h1>Summary for the Board</h1><p>6 activities under IISG/SEC/2022/Q1 in Albania, Bosnia and "
            "Herzegovina, Kosovo*, Montenegro, North Macedonia, Serbia and Austria, issued 20 April 2022.</p>") in html
    assert 'class="key-numbers"' not in html
    for kept in ("Quarterly Activity Report", "Key figures", "Activities by partner", "Data notes", "@page"):
        assert kept in html


def test_a_set_with_only_css_restyles_the_pdf_and_keeps_the_rest(context: ReportContext, config: Config) -> None:
    html = html_of(context, config, "css-only")
    assert "h1 { color: #AB0012; }" in html and "@page" in html and 'class="key-numbers"' in html
    templates = resolve_template_set("css-only", config.root)
    assert templates.find("report.docx") == DEFAULT_DOCX
    assert templates.find("report.html.j2") == DEFAULT_DOCX.with_name("report.html.j2")


def test_a_set_with_its_own_word_file(config: Config, tmp_path: Path) -> None:
    result = report(config, tmp_path, template="own-docx")
    text = docx_text(result.files[0])
    assert "Table of contents" in text and "\nContents\n" not in f"\n{text}\n"
    assert "IISG/SEC/2022/Q1" in text and "Regional meeting on firearms trafficking" in text
    assert resolve_template_set("own-docx", config.root).find("report.html.j2").parent.name == "default"


def test_the_profile_chooses_the_set_and_template_overrides_it(config: Config, tmp_path: Path) -> None:
    profiles = config["profiles"]
    chosen = Config(config.root, {**config.data, "profiles": {
        **profiles, "quarterly": {**profiles["quarterly"], "template": "own-docx"}}})
    by_profile = report(chosen, tmp_path / "profile")
    assert by_profile.template_dir == config.root / "report_templates" / "own-docx"
    assert "Table of contents" in docx_text(by_profile.files[0])
    by_option = report(chosen, tmp_path / "option", template="css-only")
    assert by_option.template_dir == config.root / "report_templates" / "css-only"
    assert "Table of contents" not in docx_text(by_option.files[0])


# ------------------------------------------------------------------ branding


@pytest.fixture(scope="module")
def branded(project: Path, config: Config, tmp_path_factory: pytest.TempPathFactory) -> tuple[Config, ReportResult]:
    """The sample rendered as PDF and DOCX with every branding setting changed and nothing else."""
    from PIL import Image

    Image.new("RGB", (120, 40), (200, 30, 30)).save(project / "logo.png")
    branding = {
        **config["branding"], "logo": "logo.png", "font_family": "DejaVu Serif, serif", "accent_colour": "#7A1F5C",
        "pillar_colours": {**config["branding"]["pillar_colours"], "WBCTi": "#123456"},
        "eu_funding_line": {"show": True, "text": "Funded by the European Union (branded line)."},
        "disclaimer": {"show": False, "text": config["branding"]["disclaimer"]["text"]},
        "kosovo_footnote": "Branded footnote: without prejudice to positions on status.",
    }
    organisation = {**config["organisation"], "name": "Branded Secretariat"}
    changed = Config(config.root, {**config.data, "branding": branding, "organisation": organisation})
    return changed, report(changed, tmp_path_factory.mktemp("branded"), formats=["pdf", "docx"])


@needs_poppler
def test_branding_reaches_both_formats(branded: tuple[Config, ReportResult], project: Path) -> None:
    changed, result = branded
    pdf = next(f for f in result.files if f.suffix == ".pdf")
    docx = next(f for f in result.files if f.suffix == ".docx")
    first_page = " ".join(pdf_text(pdf).split("\f")[0].split())
    words = " ".join(pdf_text(pdf).split())
    in_word = docx_text(docx)
    for text in ("Branded Secretariat", "Funded by the European Union (branded line).",
                 "Branded footnote: without prejudice to positions on status."):
        assert text in first_page
    assert "Branded Secretariat" in in_word
    assert "Funded by the European Union (branded line)." in docx_part(docx, "word/footer2.xml")
    assert "Branded footnote: without prejudice" in docx_part(docx, "word/footnotes.xml")
    assert DISCLAIMER not in words and DISCLAIMER not in in_word
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert [line.split()[0] for line in images.splitlines()[2:]] == ["1"]
    with zipfile.ZipFile(docx) as archive:
        media = [archive.read(n) for n in archive.namelist() if n.startswith("word/media/")]
    assert (project / "logo.png").read_bytes() in media
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "DejaVu-Serif" in fonts
    styles = docx_part(docx, "word/styles.xml")
    assert '<w:rFonts w:ascii="DejaVu Serif" w:hAnsi="DejaVu Serif"' in styles
    assert "7A1F5C" in styles and "1F3864" not in styles
    assert 'w:fill="123456"' in docx_part(docx, "word/document.xml")
    assert "--pillar: #123456" in html_of(sample_context(changed), changed, "default")


def test_the_disclaimer_is_in_both_formats_when_shown(context: ReportContext, config: Config, tmp_path: Path) -> None:
    from cli.render.docx import render_docx

    assert DISCLAIMER in html_of(context, config, "default")
    render_docx(context, resolve_template_set("default", config.root), tmp_path / "plain.docx")
    assert DISCLAIMER in docx_text(tmp_path / "plain.docx")


# ------------------------------------------------------------------ errors and the sandbox


@pytest.mark.parametrize(("line", "expected"), [
    ("{{ count }", "2: unexpected '}'; fix the template"),
    ("<p>\n{{ front.titel }}", f"3: FrontSheet has no attribute 'titel' (did you mean 'title'?); {UNKNOWN}"),
    ("{{ summmary }}", f"2: 'summmary' is undefined (did you mean 'summary'?); {UNKNOWN}"),
    ("{{ ''.__class__.__mro__ }}", f"2: access to attribute '__class__' of 'str' object is unsafe; {UNSAFE}"),
    ("{{ cycler.__init__.__globals__ }}", f"2: access to attribute '__init__' of 'type' object is unsafe; {UNSAFE}"),
    ("{{ activities.clear() }}", f"2: access to attribute 'clear' of 'list' object is unsafe; {UNSAFE}"),
    ('{% include "../config.yaml" %}', "2: no template '../config.yaml' in the template set or the default set "
                                       "(templates are read from these two folders only); fix the name"),
])
def test_template_mistakes_and_escapes_are_named_exactly(context: ReportContext, tmp_path: Path, line: str,
                                                         expected: str) -> None:
    path = write(tmp_path / "set" / "report.html.j2",
                 f'{{% extends "default/report.html.j2" %}}\n{{% block summary %}}{line}\n{{% endblock %}}\n')
    with pytest.raises(TemplateError) as caught:
        html_of(context, Config(tmp_path, {}), str(tmp_path / "set"))
    assert str(caught.value) == f"{display_path(path)}:{expected}"


def test_a_symbolic_link_out_of_the_set_is_not_followed(context: ReportContext, tmp_path: Path) -> None:
    write(tmp_path / "secret.css", "body { color: red; }\n")
    path = write(tmp_path / "set" / "report.html.j2", '<style>\n{% include "style.css" %}</style>\n')
    (tmp_path / "set" / "style.css").symlink_to(tmp_path / "secret.css")
    with pytest.raises(TemplateError) as caught:
        html_of(context, Config(tmp_path, {}), str(tmp_path / "set"))
    assert str(caught.value) == (
        f"{display_path(path)}:2: no template 'style.css' in the template set or the default set (templates are "
        "read from these two folders only); fix the name")


def test_word_template_errors_are_named_exactly(branded: tuple[Config, ReportResult], tmp_path: Path) -> None:
    from cli.render.docx import render_docx

    context = sample_context(branded[0])
    cases = [
        ("{%tr for r in activities %}", f'near "{{%tr for r in activities %}}"): {DOCX_TAG}'),
        ("Prepared for {{ front.meeting }}",
         f'near "Prepared for {{{{ front.meeting }}}}"): FrontSheet has no attribute \'meeting\'; {UNKNOWN}'),
        ("{{ logo_image.tpl }}",
         f'near "{{{{ logo_image.tpl }}}}"): access to attribute \'tpl\' of \'InlineImage\' object is unsafe; {UNSAFE}'),
    ]
    for number, (paragraph, expected) in enumerate(cases):
        source = word_file_with(tmp_path / str(number) / "report.docx", paragraph)
        with pytest.raises(TemplateError) as caught:
            render_docx(context, resolve_template_set(str(source.parent), None), tmp_path / f"{number}.docx")
        assert str(caught.value) == f"{source} (word/document.xml, {expected}"


def test_files_and_addresses_outside_the_set_are_refused(context: ReportContext, tmp_path: Path) -> None:
    from PIL import Image

    from cli.render.pdf import render_pdf
    from cli.render.resources import resource_guard

    folder = tmp_path / "set"
    path = write(folder / "report.html.j2",
                 '<html><body><p>{{ front.title }}</p><img src="seal.png">\n<img src="file:///etc/hostname">\n'
                 '<link rel="stylesheet" href="https://example.org/evil.css"></body></html>\n')
    Image.new("RGB", (10, 10)).save(folder / "seal.png")
    templates = resolve_template_set(str(folder), None)
    guard = resource_guard(templates, "")
    assert guard.permits((folder / "seal.png").as_uri()) and guard.permits("data:text/plain,x")
    assert not guard.permits("file:///etc/hostname") and not guard.permits("https://example.org/x.png")
    assert not guard.permits((folder / ".." / "outside.png").as_uri())
    (folder / "link.png").symlink_to(tmp_path / "outside.png")
    assert not guard.permits((folder / "link.png").as_uri())
    with pytest.raises(TemplateError) as caught:
        render_pdf(context, templates, tmp_path / "out.pdf")
    advice = f"use a file in {display_path(folder)} or a data: URL (the logo is set by branding.logo in config.yaml)"
    where = display_path(path)
    assert str(caught.value).splitlines() == [
        f"{where}:2: the template asks for 'file:///etc/hostname', outside the template set; {advice}",
        f"{where}:3: the template asks for 'https://example.org/evil.css', outside the template set; {advice}",
    ]


def test_filters(context: ReportContext) -> None:
    environment = make_environment(resolve_template_set("default", None))
    source = ('{{ "2021-12-14"|eu_date }} / {{ "2021-12-14"|eu_date("2021-12-15") }} / {{ "2022-03"|eu_date }} / '
              '{{ "XK"|country }} / {{ ["A", "B", "C"]|join_and }} / {{ ["A", "B"]|join_and(" or ") }}')
    assert environment.from_string(source).render() == (
        "14 December 2021 / 14 – 15 December 2021 / March 2022 / Kosovo* / A, B and C / A or B")


# ------------------------------------------------------------------ the documentation


def _section(title: str) -> str:
    text = DOCS.read_text(encoding="utf-8")
    start = text.index(f"\n{title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else None]


def test_docs_list_every_filter_and_block() -> None:
    templates = resolve_template_set("default", None)
    environment = make_environment(templates)
    filters = _section("## Filters")
    documented = set(re.findall(r"^- `(\w+)`", filters, re.M))
    builtins = filters[filters.index("Jinja's built-in filters"):]
    documented |= set(re.findall(r"`(\w+)`", builtins))
    assert documented == set(environment.filters)
    blocks = re.findall(r"^- `(\w+)` —", _section("### Blocks of the default HTML template"), re.M)
    assert blocks == list(environment.get_template("report.html.j2").blocks)


# ------------------------------------------------------------------ the commands


@pytest.fixture()
def fresh(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "config.yaml", tmp_path / "config.yaml")
    return tmp_path


def test_templates_list_shows_shipped_and_user_sets(project: Path) -> None:
    result = iisg(project, "templates", "list")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("default (shipped; used by profile quarterly, biennial): ")
    assert lines[1] == "    report.css, report.docx, report.html.j2"
    at = lines.index(next(line for line in lines if line.startswith("css-only (yours): ")))
    assert lines[at + 1:at + 3] == ["    report.css", "    from default: report.html.j2, report.docx"]


def test_templates_init_copies_a_set_and_refuses_to_overwrite(fresh: Path) -> None:
    result = iisg(fresh, "templates", "init", "board")
    assert result.exit_code == 0, result.output
    folder = fresh / "report_templates" / "board"
    assert result.output.splitlines()[0] == (f"created {display_path(folder)}: "
                                             "README.md, report.css, report.docx, report.html.j2")
    assert (folder / "report.docx").read_bytes() == DEFAULT_DOCX.read_bytes()
    assert "iisg templates check board" in (folder / "README.md").read_text(encoding="utf-8")
    (folder / "report.css").write_text("/* mine */\n", encoding="utf-8")
    again = iisg(fresh, "templates", "init", "board")
    assert again.exit_code == 1
    assert again.output.strip() == (f"error: {display_path(folder)} already exists; choose another name, or delete "
                                    "or rename that folder first (nothing was changed)")
    assert (folder / "report.css").read_text(encoding="utf-8") == "/* mine */\n"
    for bad in ("../outside", "a/b", ".."):
        refused = iisg(fresh, "templates", "init", bad)
        assert refused.exit_code == 1 and refused.output.strip() == (
            f"error: template set name {bad!r}: use letters, digits, '-', '_' and '.' only (no '/' and no '..'), "
            "e.g. board-2023")
    assert not (fresh / "outside").exists()
    partial = iisg(fresh, "templates", "init", "restyle", "--from", str(folder))
    assert partial.exit_code == 0 and sorted(p.name for p in (fresh / "report_templates" / "restyle").iterdir()) == [
        "README.md", "report.css", "report.docx", "report.html.j2"]
    shipped = iisg(fresh, "templates", "init", "default")
    assert shipped.exit_code == 1 and "the shipped set's name" in shipped.output


def test_templates_check_passes_the_shipped_set(project: Path) -> None:
    result = iisg(project, "templates", "check", "default")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "default: no problems (PDF and DOCX rendered against a sample report)"


def test_templates_check_reports_every_problem(project: Path) -> None:
    folder = project / "report_templates" / "broken"
    html = write(folder / "report.html.j2",
                 '{% extends "default/report.html.j2" %}\n{% block summary %}<section id="summary">\n'
                 "<p>{{ front.titel }}</p>\n<p>{{ ''.__class__.__mro__ }}</p>\n"
                 '<img src="seal.png"><img src="https://example.org/pixel.png">\n'
                 "<p>{{ front.titel }} {{ count }}</p></section>\n{% endblock %}\n")
    side = write(folder / "side.j2", "{% if count %}\n{{ count }\n")
    css = write(folder / "report.css", '{% include "default/report.css" %}\n.note { colr: red; }\n'
                                       '.seal { font-family: "No Such Font Sans", sans-serif; }\n')
    docx = word_file_with(folder / "report.docx", "Prepared for {{ front.meeting }}", "{%p if count %} lost words",
                          "{%p endif %}", "{{ activities.pop() }}", "{%p for r in activities %}")
    result = iisg(project, "templates", "check", "broken")
    assert result.exit_code == 1
    h, s, c, d = (display_path(p) for p in (html, side, css, docx))
    expected = [
        f"{s}:2: unexpected '}}'; fix the template",
        f"{h}:3: FrontSheet has no attribute 'titel' (did you mean 'title'?); {UNKNOWN}",
        f"{h}:4: access to attribute '__class__' of 'str' object is unsafe; {UNSAFE}",
        f"{h}:5: the template asks for 'https://example.org/pixel.png', outside the template set; use a file in "
        f"{display_path(folder)} or a data: URL (the logo is set by branding.logo in config.yaml)",
        f"{c}:2: WeasyPrint ignored `colr: red` (unknown property); correct or remove the declaration",
        f'{d} (word/document.xml, near "Prepared for {{{{ front.meeting }}}}"): FrontSheet has no attribute '
        f"'meeting'; {UNKNOWN}",
        f'{d} (word/document.xml, near "{{%p if count %}} lost words"): docxtpl replaces the whole paragraph holding '
        "'{%p if count %}', so the words \"lost words\" beside it are lost; put each {%p %} tag in a paragraph of "
        "its own",
        f'{d} (word/document.xml, near "{{{{ activities.pop() }}}}"): access to attribute \'pop\' of \'list\' object '
        f"is unsafe; {UNSAFE}",
        f"{d} (word/document.xml): Unexpected end of template. Jinja was looking for the following tags: 'endfor' "
        "or 'else'. The innermost block that needs to be closed is 'for'; fix the template",
        f"{h}:5: the image {(folder / 'seal.png').as_uri()!r} could not be loaded (No such file or directory); check "
        "the file name and that the file is in the template set's folder",
    ]
    if shutil.which("fc-match"):
        expected.append(f"{c}:3: the font 'No Such Font Sans' is not installed on this computer; install it, add it "
                        "with @font-face, or name an installed font")
    lines = result.output.splitlines()
    for line in expected:
        assert line in lines, f"missing: {line}\n{result.output}"
    assert lines[-1] == f"broken: {len(lines) - 1} problems"
    assert len(lines) == len(set(lines))


def test_compiled_templates_are_kept_and_an_edit_compiles_afresh(tmp_path: Path, monkeypatch) -> None:
    from cli.render.templates import compiled

    monkeypatch.setenv("IISG_CACHE_DIR", str(tmp_path / "cache"))
    environment = make_environment(resolve_template_set("default", None))
    first = compiled(environment, "<w:t>{{ front.title | upper }}</w:t>")
    kept = sorted((tmp_path / "cache").iterdir())
    assert len(kept) == 1 and kept[0].suffix == ".jinja"
    again = compiled(environment, "<w:t>{{ front.title | upper }}</w:t>")
    assert sorted((tmp_path / "cache").iterdir()) == kept
    assert first.render(front={"title": "A & B"}) == again.render(front={"title": "A & B"}) == "<w:t>A &amp; B</w:t>"
    edited = compiled(environment, "<w:t>{{ front.title | lower }}</w:t>")
    assert edited.render(front={"title": "A & B"}) == "<w:t>a &amp; b</w:t>"
    assert len(list((tmp_path / "cache").iterdir())) == 2
    kept[0].write_bytes(b"not compiled code")  # a damaged copy is compiled again and replaced
    assert compiled(environment, "<w:t>{{ front.title | upper }}</w:t>").render(front={"title": "x"}) == "<w:t>X</w:t>"
    (tmp_path / "a-file").write_text("x")  # a cache folder that cannot be made only means compiling each time
    monkeypatch.setenv("IISG_CACHE_DIR", str(tmp_path / "a-file" / "cache"))
    assert compiled(environment, "<w:t>{{ 1 + 1 }}</w:t>").render() == "<w:t>2</w:t>"


def test_docxtpl_clean_up_is_kept_and_gives_the_same_source(tmp_path: Path, monkeypatch) -> None:
    from docxtpl import DocxTemplate

    from cli.render.docx import _template_class

    monkeypatch.setenv("IISG_CACHE_DIR", str(tmp_path / "cache"))
    path = str(ROOT / "report_templates" / "default" / "report.docx")
    ours, theirs = _template_class()(path), DocxTemplate(path)
    ours.init_docx()
    theirs.init_docx()
    source = ours.get_xml()
    assert "{%" in source
    expected = theirs.patch_xml(source)
    assert ours.patch_xml(source) == expected
    kept = sorted((tmp_path / "cache").iterdir())
    assert len(kept) == 1 and kept[0].suffix == ".docxtpl"
    assert ours.patch_xml(source) == expected and sorted((tmp_path / "cache").iterdir()) == kept
    edited = source.replace("{{", "{{ ", 1)
    assert ours.patch_xml(edited) == theirs.patch_xml(edited) != expected
    assert len(list((tmp_path / "cache").iterdir())) == 2
