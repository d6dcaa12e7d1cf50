package org.twgate.config.migrate;

import java.util.List;

/**
 * Writes the qmail side of the change as a unified diff the administrator reads and applies
 * ({@code cd / && patch -p1 < FILE}); the import itself never changes a qmail file. Each file is
 * one hunk holding the whole file (control and {@code .qmail} files are a few lines), under a
 * comment saying why.
 */
public final class ImportPatch {

    private ImportPatch() {
    }

    public static String render(ImportPlan plan, List<String> header) {
        StringBuilder out = new StringBuilder();
        header.forEach(h -> out.append("# ").append(ImportYaml.printable(h)).append('\n'));
        for (ImportPlan.FileEdit edit : plan.edits()) {
            out.append('\n');
            edit.why().forEach(w -> out.append("# ").append(ImportYaml.printable(w)).append('\n'));
            String path = edit.file().startsWith("/") ? edit.file().substring(1) : edit.file();
            out.append("--- ").append(edit.before().isEmpty() ? "/dev/null" : "a/" + path).append('\n');
            out.append("+++ b/").append(path).append('\n');
            out.append("@@ -").append(range(edit.before().size())).append(" +").append(range(edit.after().size()))
                    .append(" @@\n");
            hunk(out, edit.before(), edit.after());
        }
        return out.toString();
    }

    private static String range(int lines) {
        return lines == 0 ? "0,0" : lines == 1 ? "1" : "1," + lines;
    }

    /** Lines both files share at the same place are context; the rest removed, then added. */
    private static void hunk(StringBuilder out, List<String> before, List<String> after) {
        int[][] lcs = new int[before.size() + 1][after.size() + 1];
        for (int i = before.size() - 1; i >= 0; i--) {
            for (int j = after.size() - 1; j >= 0; j--) {
                lcs[i][j] = before.get(i).equals(after.get(j)) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < before.size() || j < after.size()) {
            if (i < before.size() && j < after.size() && before.get(i).equals(after.get(j))) {
                out.append(' ').append(before.get(i++)).append('\n');
                j++;
            } else if (j >= after.size() || (i < before.size() && lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.append('-').append(before.get(i++)).append('\n');
            } else {
                out.append('+').append(after.get(j++)).append('\n');
            }
        }
    }
}
