"""Flattens JSON case files into one CSV with field-path headers (client.fullName,
services[0].description), as a clinic's spreadsheet export would be: the batch benchmark's input.

    python3 cases_to_csv.py CASES_DIR COUNT > rows.csv
"""
import csv
import json
import os
import sys


def flatten(value, prefix, row):
    if isinstance(value, dict):
        for key, item in value.items():
            flatten(item, f"{prefix}.{key}" if prefix else key, row)
    elif isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        for index, item in enumerate(value):
            flatten(item, f"{prefix}[{index}]", row)
    elif isinstance(value, list):
        row[prefix] = "; ".join(str(item) for item in value)
    elif isinstance(value, bool):
        row[prefix] = "true" if value else "false"
    elif value is not None:
        row[prefix] = str(value)


def main():
    folder, count = sys.argv[1], int(sys.argv[2])
    names = sorted((name for name in os.listdir(folder) if name.endswith(".json")),
                   key=lambda name: int(name.split("-")[1].split(".")[0]))[:count]
    rows = []
    for name in names:
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            row = {}
            flatten(json.load(handle), "", row)
            rows.append(row)
    columns = list(dict.fromkeys(key for row in rows for key in row))
    writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


if __name__ == "__main__":
    main()
