"""docxtpl baseline for BENCHMARKS.md: the same support letter from an equivalent Word template.

Builds the Word template with python-docx (Jinja tags in the paragraphs, as a docxtpl user would
write them), then renders one letter per case file, formatting dates and names in Python as the
Engross template does, and writes each .docx to disk. Run by scripts/bench inside a throwaway venv.

    python docxtpl_bench.py CASES_DIR COUNT OUT_DIR JOBS
"""
import datetime
import io
import json
import multiprocessing
import os
import sys
import time

import docx
from docxtpl import DocxTemplate

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def long_date(text):
    if not text:
        return ""
    d = datetime.date.fromisoformat(text)
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def build_template(path):
    """The support letter as a Word template with Jinja tags, paragraph for paragraph."""
    document = docx.Document()
    add = document.add_paragraph
    for line in ["{{ author.organization|upper }}", "{{ organization.addressLine1 }}", "{{ organization.addressLine2 }}",
                 "{% if organization.phone %}Tel. {{ organization.phone }}{% endif %}", "{{ organization.email }}"]:
        add(line)
    add("{{ letter_date }}")
    add("U.S. Citizenship and Immigration Services")
    add("Re: Letter in support of {% if visa == 't' %}the application for T nonimmigrant status (Form I-914)"
        "{% else %}the petition for U nonimmigrant status (Form I-918){% endif %} of {{ client.fullName }}"
        "{% if client.dateOfBirth %}, born {{ born }}{% endif %}{% if client.aNumber %}, {{ a_number }}{% endif %}")
    add("To the officer deciding this case:")
    add("I am the {{ author.title }} at {{ author.organization }}. I write in support of {{ client.fullName }}'s "
        "application. I have known {{ pronoun_object }} since {{ known_since }}, when {{ pronoun }} began working "
        "with me as {{ pronoun_possessive }} {{ role }}.")
    document.add_heading("Services we have provided", level=2)
    add("Since then {{ pronoun }} {{ has }} received the following services from our organization:")
    add("{%p for s in services %}")
    add("{{ s.description }}{% if s.since %}, since {{ s.since_long }}{% endif %}", style="List Bullet")
    add("{%p endfor %}")
    add("{%p if observations_paragraphs %}")
    document.add_heading("What I have observed", level=2)
    add("With {{ client.fullName }}'s written consent, I share the following observations.")
    add("{%p for p in observations_paragraphs %}")
    add("{{ p }}")
    add("{%p endfor %}")
    add("{%p endif %}")
    add("{%p if cooperation_paragraphs %}")
    document.add_heading("Cooperation with law enforcement", level=2)
    add("{%p for p in cooperation_paragraphs %}")
    add("{{ p }}")
    add("{%p endfor %}")
    add("{%p endif %}")
    add("{%p if hardship_paragraphs %}")
    document.add_heading("Hardship if removed", level=2)
    add("{%p for p in hardship_paragraphs %}")
    add("{{ p }}")
    add("{%p endfor %}")
    add("{%p endif %}")
    add("For these reasons I support {{ client.fullName }}'s application without reservation. Please contact me with "
        "any question about this letter at {{ organization.phone }} or {{ organization.email }}.")
    add("Sincerely,")
    add("______________________________")
    add("{{ author.name }}{% if author.credentials %}, {{ author.credentials }}{% endif %}")
    add("{{ author.title }}")
    add("{{ author.organization }}")
    add("Confidentiality notice. This letter concerns an applicant for immigration relief as a victim of "
        "trafficking or of a crime. Information about such applicants is protected from disclosure by "
        "8 U.S.C. § 1367. Please do not share this letter beyond the people who need it to decide the application.")
    document.save(path)


PRONOUNS = {"she": ("she", "her", "her", "has"), "he": ("he", "him", "his", "has"), "they": ("they", "them", "their", "have")}


def paragraphs(text):
    if not text:
        return []
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def context(case):
    subject, obj, possessive, has = PRONOUNS[case["client"]["pronouns"].lower()]
    digits = case["client"].get("aNumber", "").upper().lstrip("A").zfill(9)
    return dict(case, letter_date=long_date(case["letterDate"]), born=long_date(case["client"].get("dateOfBirth")),
                a_number=f"A{digits[:3]}-{digits[3:6]}-{digits[6:]}", known_since=long_date(case["knownSince"]),
                pronoun=subject, pronoun_object=obj, pronoun_possessive=possessive, has=has,
                services=[dict(s, since_long=long_date(s.get("since"))) for s in case["services"]],
                observations_paragraphs=paragraphs(case.get("observations")) if case.get("consentToShare") else [],
                cooperation_paragraphs=paragraphs(case.get("cooperation")),
                hardship_paragraphs=paragraphs(case.get("hardship")))


def render(job):
    template_path, cases, out_dir = job
    for path in cases:
        with open(path, encoding="utf-8") as handle:
            case = json.load(handle)
        template = DocxTemplate(template_path)
        template.render(context(case))
        if out_dir is None:
            template.save(io.BytesIO())
        else:
            template.save(os.path.join(out_dir, os.path.basename(path).replace(".json", ".docx")))


def main():
    cases_dir, count, out_dir, jobs = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    os.makedirs(out_dir, exist_ok=True)
    template_path = os.path.join(out_dir, "support-template.docx")
    build_template(template_path)
    cases = sorted(os.path.join(cases_dir, name) for name in os.listdir(cases_dir) if name.endswith(".json"))[:count]
    for target, how in ((None, "in memory"), (out_dir, "written to disk")):
        start = time.perf_counter()
        if jobs == 1:
            render((template_path, cases, target))
        else:
            with multiprocessing.Pool(jobs) as pool:
                pool.map(render, [(template_path, cases[i::jobs], target) for i in range(jobs)])
        seconds = time.perf_counter() - start
        label = f"docxtpl {docxtpl_version()}, {how} ({jobs} process{'es' if jobs > 1 else ''})"
        print(f"{label:<52} {count:7d} in {seconds:7.3f} s  = {count / seconds:9.0f} per second  ({1000 * seconds / count:.3f} ms each)")


def docxtpl_version():
    try:
        from importlib.metadata import version
        return version("docxtpl")
    except Exception:
        return ""


if __name__ == "__main__":
    main()
