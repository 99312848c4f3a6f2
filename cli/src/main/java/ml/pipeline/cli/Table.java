package ml.pipeline.cli;

import java.io.PrintWriter;

/** Rows of left-aligned columns, two spaces apart, for the commands that list things. */
final class Table {
    private final PrintWriter out;
    private final String format;

    /** {@code widths}: each column's width; 0 for the last, which takes what it needs. */
    Table(PrintWriter out, int... widths) {
        this.out = out;
        StringBuilder format = new StringBuilder();
        for (int width : widths) {
            format.append(format.isEmpty() ? "" : "  ").append(width > 0 ? "%-" + width + "s" : "%s");
        }
        this.format = format.append("%n").toString();
    }

    Table row(Object... cells) {
        out.printf(format, cells);
        return this;
    }
}
