package io.petty.cli.model;

import java.util.List;
import java.util.Locale;

/**
 * The confusion matrix as an SVG picture: rows the true behavior, columns the predicted one, each cell shaded by the
 * share of its row (its recall when on the diagonal) and labelled with its count.
 */
final class ConfusionMatrixPicture {

    private static final int CELL = 72;
    private static final int MARGIN = 120;

    private ConfusionMatrixPicture() {
    }

    static String svg(Scores scores, String title) {
        List<String> labels = scores.labels();
        int k = labels.size();
        int size = MARGIN + k * CELL + 20;
        StringBuilder svg = new StringBuilder(4096);
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", size, size + 30));
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"20\" font-size=\"14\">%s</text>%n", escape(title)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">predicted</text>%n",
                MARGIN + k * CELL / 2, 44));
        svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" "
                + "text-anchor=\"middle\">true</text>%n", MARGIN + k * CELL / 2 + 30, MARGIN + k * CELL / 2 + 30));
        for (int c = 0; c < k; c++) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    MARGIN + c * CELL + CELL / 2, MARGIN - 8 + 30, escape(labels.get(c))));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    MARGIN - 8, MARGIN + 30 + c * CELL + CELL / 2 + 4, escape(labels.get(c))));
        }
        for (int row = 0; row < k; row++) {
            int support = Math.max(1, scores.support(row));
            for (int column = 0; column < k; column++) {
                int count = scores.confusion()[row][column];
                double share = (double) count / support;
                int shade = (int) Math.round(255 - share * 200);
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                                + "fill=\"rgb(%d,%d,255)\" stroke=\"#888\"/>%n", MARGIN + column * CELL,
                        MARGIN + 30 + row * CELL, CELL, CELL, shade, shade));
                svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\">"
                                + "%d</text>%n", MARGIN + column * CELL + CELL / 2, MARGIN + 30 + row * CELL
                                + CELL / 2 + 4, share > 0.6 ? "white" : "black", count));
            }
        }
        return svg.append("</svg>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
