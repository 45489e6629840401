package org.keywork.bench;

import java.util.Map;

/** Reads values out of a Prometheus text exposition ({@code /actuator/prometheus}). */
final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * The sum of every sample of {@code metric} whose labels include all of {@code labels}; NaN when there is none.
     */
    static double sum(String text, String metric, Map<String, String> labels) {
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.charAt(0) == '#' || !line.startsWith(metric)) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            String name = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space).trim();
            if (!name.equals(metric)) {
                continue;
            }
            String labelText = brace >= 0 && brace < space ? line.substring(brace, line.lastIndexOf('}') + 1) : "";
            boolean all = true;
            for (Map.Entry<String, String> wanted : labels.entrySet()) {
                if (!labelText.contains(wanted.getKey() + "=\"" + wanted.getValue() + "\"")) {
                    all = false;
                    break;
                }
            }
            if (!all) {
                continue;
            }
            try {
                sum += Double.parseDouble(line.substring(space + 1).trim());
                found = true;
            } catch (NumberFormatException e) {
                // a malformed line is skipped
            }
        }
        return found ? sum : Double.NaN;
    }
}
