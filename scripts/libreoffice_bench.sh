#!/usr/bin/env bash
# The docxtpl + LibreOffice pipeline for BENCHMARKS.md: DOCX letters from docxtpl (already made by
# docxtpl_bench.py into DOCX_DIR) converted to PDF by LibreOffice, timed two ways:
# - one soffice process per letter, as docassemble and most web tools run it;
# - one soffice process converting a whole folder, the fastest LibreOffice can go.
#   libreoffice_bench.sh DOCX_DIR PER_LETTER_COUNT BATCH_COUNT WORK_DIR
set -euo pipefail
docx_dir=$1; per_letter=$2; batch=$3; work=$4
mkdir -p "$work/single" "$work/batch"
profile="file://$work/profile"
soffice -env:UserInstallation="$profile" --headless --convert-to pdf --outdir "$work/warm" "$(ls "$docx_dir"/case-*.docx | head -1)" >/dev/null 2>&1
mapfile -t letters < <(ls "$docx_dir"/case-*.docx | head -"$per_letter")
start=$(date +%s.%N)
for letter in "${letters[@]}"; do
  soffice -env:UserInstallation="$profile" --headless --convert-to pdf --outdir "$work/single" "$letter" >/dev/null 2>&1
done
end=$(date +%s.%N)
awk -v n="${#letters[@]}" -v s="$start" -v e="$end" 'BEGIN { t = e - s; printf "%-52s %7d in %7.3f s  = %9.1f per second  (%.1f ms each)\n", "docxtpl DOCX -> soffice, one process per letter", n, t, n / t, 1000 * t / n }'
mapfile -t letters < <(ls "$docx_dir"/case-*.docx | head -"$batch")
start=$(date +%s.%N)
soffice -env:UserInstallation="$profile" --headless --convert-to pdf --outdir "$work/batch" "${letters[@]}" >/dev/null 2>&1
end=$(date +%s.%N)
awk -v n="${#letters[@]}" -v s="$start" -v e="$end" 'BEGIN { t = e - s; printf "%-52s %7d in %7.3f s  = %9.1f per second  (%.1f ms each)\n", "docxtpl DOCX -> soffice, one process for all", n, t, n / t, 1000 * t / n }'
