package importers

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Bounds on an Excel workbook (SPEC §6): what it may take compressed, and what its parts may
// inflate to in memory.
const (
	maxWorkbook         = 256 << 20
	maxWorkbookInflated = 1 << 30
)

// sheet is one worksheet of a workbook, as the CSV text a table reads: one line a row, so that
// a table's line numbers are the sheet's row numbers.
type sheet struct {
	name string
	csv  []byte
	rows int
}

// readWorkbook reads every worksheet of an .xlsx workbook (SPEC §2.2: read as a CSV would be,
// each sheet by its header). Cells come as Excel shows them, except dates: a cell that holds a
// date serial under a date format is written as ISO 8601 (2006-01-02, or with the time of
// day), which every date column reads whatever the workbook's locale. Line breaks inside a
// cell become spaces, so that row N of the sheet is line N of its text.
func readWorkbook(r io.Reader) ([]sheet, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxWorkbook+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxWorkbook {
		return nil, fmt.Errorf("a workbook over %d MiB: save its sheets as CSV", maxWorkbook>>20)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: maxWorkbookInflated})
	if err != nil {
		return nil, fmt.Errorf("not a readable .xlsx workbook (%v): save it again from Excel, or as CSV", err)
	}
	defer f.Close()
	props, _ := f.GetWorkbookProps()
	date1904 := props.Date1904 != nil && *props.Date1904
	var out []sheet
	for _, name := range f.GetSheetList() {
		shown, err := f.GetRows(name)
		if err != nil {
			return nil, fmt.Errorf("sheet %s: %w", name, err)
		}
		raw, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("sheet %s: %w", name, err)
		}
		var buf bytes.Buffer
		for i, row := range shown {
			for j, cell := range row {
				if j > 0 {
					buf.WriteByte(',')
				}
				if i < len(raw) && j < len(raw[i]) {
					cell = dateCell(cell, raw[i][j], date1904)
				}
				cell = lineBreaks.Replace(cell)
				// Every cell quoted: a table sniffs its delimiter outside quotes, and cells
				// full of ";" (recipient lists) must not look like the delimiter.
				buf.WriteByte('"')
				buf.WriteString(strings.ReplaceAll(cell, `"`, `""`))
				buf.WriteByte('"')
			}
			buf.WriteByte('\n')
		}
		out = append(out, sheet{name: name, csv: buf.Bytes(), rows: len(shown)})
	}
	return out, nil
}

// lineBreaks become spaces in a cell, so that a sheet's row is one line of its text.
var lineBreaks = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

// dateCell is a cell as written for a table: its date in ISO 8601 when the cell holds a date
// serial that Excel shows as a date or time, else the cell as Excel shows it.
func dateCell(shown, raw string, date1904 bool) string {
	if shown == raw || !strings.ContainsAny(shown, "-/.: ") || !strings.ContainsAny(shown, "0123456789") {
		return shown
	}
	if _, err := strconv.ParseFloat(strings.ReplaceAll(shown, ",", ""), 64); err == nil {
		return shown // a number with another precision or separators, not a date
	}
	serial, err := strconv.ParseFloat(raw, 64)
	if err != nil || serial < 1 || serial > 2958465 || math.IsNaN(serial) { // a time of day alone; past 9999-12-31
		return shown
	}
	t, err := excelize.ExcelDateToTime(serial, date1904)
	if err != nil {
		return shown
	}
	if serial == math.Trunc(serial) {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04:05")
}
