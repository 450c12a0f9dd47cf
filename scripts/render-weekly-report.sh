#!/usr/bin/env bash
# Renders the weekly report for review: builds the .docx and .xlsx from a seeded database
# (scripts/render-weekly-report.ts), converts them to PDF with LibreOffice and to PNG pages
# with pdftoppm, and with --docs copies one page of each into docs/. Local only: CI never
# runs it. Needs PostgreSQL with PostGIS and Redis (as the tests do), and
#   apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-liberation
# (Liberation Serif has the metrics of Times New Roman, so lines break where Word breaks them).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${RENDER_OUT:-.data/render}"
for tool in soffice pdftoppm; do
  command -v "$tool" >/dev/null || { echo "render-weekly-report: $tool is missing (apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils)" >&2; exit 1; }
done
rm -rf "$OUT" && mkdir -p "$OUT/docx" "$OUT/xlsx"
RENDER_OUT="$OUT" node -r @swc-node/register scripts/render-weekly-report.ts
mv "$OUT"/*.docx "$OUT/docx/" && mv "$OUT"/*.xlsx "$OUT/xlsx/"
# A private profile, so a LibreOffice the user has open is not disturbed.
PROFILE="file://$(pwd)/$OUT/lo-profile"
for kind in docx xlsx; do
  soffice -env:UserInstallation="$PROFILE" --headless --convert-to pdf --outdir "$OUT/$kind" "$OUT/$kind"/*."$kind" >/dev/null
  pdftoppm -png -r 110 "$OUT/$kind"/*.pdf "$OUT/$kind/page"
  echo "$kind: $(pdfinfo "$OUT/$kind"/*.pdf | awk '/^Pages/ {print $2}') pages in $OUT/$kind"
done
if [[ "${1:-}" == "--docs" ]]; then
  # Page 1 of the report, and the annex's first page (the first landscape page of the .docx).
  cp "$(ls "$OUT"/docx/page-*.png | head -1)" docs/weekly-report-page1.png
  annex=$(pdfinfo -f 1 -l 99 "$OUT/docx"/*.pdf | awk '/size:/ && $4 > $6 {print $2; exit}')
  cp "$(ls "$OUT"/docx/page-*.png | sed -n "${annex}p")" docs/weekly-report-annex.png
  cp "$(ls "$OUT"/xlsx/page-*.png | head -1)" docs/weekly-report-xlsx.png
  echo "docs/weekly-report-page1.png, docs/weekly-report-annex.png (page $annex), docs/weekly-report-xlsx.png"
fi
