package io.github.streamgear.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Medians and percentiles (nearest rank), nothing fancier: the runs are few and the machine is noisy. */
public final class Stats {

    private Stats() {
    }

    public static double median(Collection<? extends Number> values) {
        return percentile(values, 50);
    }

    /** Nearest-rank percentile; the median of an even count is the mean of the two middle values. */
    public static double percentile(Collection<? extends Number> values, double p) {
        List<Double> sorted = sorted(values);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        if (p == 50) {
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    public static double max(Collection<? extends Number> values) {
        List<Double> sorted = sorted(values);
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1);
    }

    public static double min(Collection<? extends Number> values) {
        List<Double> sorted = sorted(values);
        return sorted.isEmpty() ? Double.NaN : sorted.get(0);
    }

    /** Element-wise a[i] / b[i]: ratios of measurements taken side by side in the same round. */
    public static List<Double> ratios(List<? extends Number> a, List<? extends Number> b) {
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            r.add(a.get(i).doubleValue() / b.get(i).doubleValue());
        }
        return r;
    }

    private static List<Double> sorted(Collection<? extends Number> values) {
        List<Double> sorted = new ArrayList<>();
        for (Number v : values) {
            sorted.add(v.doubleValue());
        }
        Collections.sort(sorted);
        return sorted;
    }
}
