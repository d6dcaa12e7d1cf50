package org.twgate.gateway.status;

import java.time.Instant;
import java.util.List;
import java.util.function.ToIntFunction;
import org.twgate.dsn.status.Action;
import org.twgate.gateway.health.Check;
import org.twgate.gateway.metrics.DsnDisposition;
import org.twgate.gateway.queue.QueueSnapshot;
import org.twgate.gateway.queue.control.Json;

/**
 * {@code GET /status.json}: the facts of the page for scripts, and the series the charts draw.
 * Times are ISO-8601 UTC strings, except {@code hour.minute}: epoch seconds, as the charts take
 * them. {@code <}, {@code >} and {@code &} are written as {@code \}{@code u} escapes, so the text
 * stays inert even if someone pastes it into a page.
 */
public final class StatusJson {
    private StatusJson() {
    }

    public static String json(StatusView v) {
        StringBuilder o = new StringBuilder(16_384);
        StatusRecorder.Recorded r = v.recorded();
        o.append("{\"generated\":").append(time(r.now())).append(",\"hostname\":").append(string(v.hostname()))
                .append(",\"ready\":").append(v.health().ready()).append(",\"health\":[");
        String sep = "";
        for (Check c : v.health().checks()) {
            o.append(sep).append("{\"name\":").append(string(c.name())).append(",\"ok\":").append(c.ok())
                    .append(",\"detail\":").append(string(c.detail())).append('}');
            sep = ",";
        }
        o.append("],\"config\":{\"source\":").append(string(r.configSource())).append(",\"loaded\":")
                .append(time(r.configLoaded())).append(",\"last_reload_refused\":").append(time(r.lastReloadRefused()))
                .append(",\"last_reload_error\":").append(string(r.lastReloadError())).append('}');
        queue(o, v.queue());
        routes(o, v.routes());
        hour(o, r.hour());
        o.append(",\"events\":[");
        sep = "";
        for (StatusRecorder.StatusEvent e : r.events()) {
            o.append(sep).append("{\"time\":").append(time(e.time())).append(",\"event\":").append(string(e.kind().label()))
                    .append(",\"queue_id\":").append(string(e.queueId())).append(",\"route\":").append(string(e.route()))
                    .append(",\"address\":").append(string(e.address())).append(",\"detail\":").append(string(e.detail()))
                    .append('}');
            sep = ",";
        }
        return o.append("]}\n").toString();
    }

    private static void queue(StringBuilder o, QueueSnapshot q) {
        o.append(",\"queue\":{\"waiting\":").append(counts(q.waiting())).append(",\"held\":").append(counts(q.held()))
                .append(",\"oldest_arrival\":").append(time(q.oldestArrival().orElse(null)))
                .append(",\"attempts_under_way\":").append(q.attemptsUnderWay()).append(",\"routes\":{");
        String sep = "";
        for (var e : q.routes().entrySet()) {
            QueueSnapshot.RouteQueue rq = e.getValue();
            o.append(sep).append(string(e.getKey())).append(":{\"messages\":").append(rq.messages())
                    .append(",\"recipients\":").append(rq.recipients()).append(",\"held_messages\":")
                    .append(rq.heldMessages()).append(",\"oldest_arrival\":")
                    .append(time(rq.oldestArrival().orElse(null))).append('}');
            sep = ",";
        }
        o.append("},\"oldest_deferred\":[");
        sep = "";
        for (QueueSnapshot.Deferred d : q.oldestDeferred()) {
            o.append(sep).append("{\"queue_id\":").append(string(d.id().value())).append(",\"sender\":")
                    .append(string(d.sender())).append(",\"recipient\":").append(string(d.recipient()))
                    .append(",\"route\":").append(string(d.route())).append(",\"arrival\":").append(time(d.arrival()))
                    .append(",\"attempts\":").append(d.attempts()).append(",\"next_attempt\":")
                    .append(time(d.nextAttempt())).append(",\"held\":").append(d.held()).append(",\"last_reply\":")
                    .append(string(d.lastReply())).append('}');
            sep = ",";
        }
        o.append("]}");
    }

    private static void routes(StringBuilder o, List<StatusView.RouteView> routes) {
        o.append(",\"routes\":[");
        String sep = "";
        for (StatusView.RouteView r : routes) {
            StatusRecorder.RouteFigures f = r.figures();
            o.append(sep).append("{\"key\":").append(string(r.key())).append(",\"next_hop\":").append(string(r.nextHop()))
                    .append(",\"final\":").append(r.finalDelivery()).append(",\"tls\":").append(string(r.tls()))
                    .append(",\"sessions_in_use\":").append(r.connectionsInUse()).append(",\"last_hour\":{\"delivered\":")
                    .append(f == null ? 0 : f.delivered()).append(",\"deferred\":").append(f == null ? 0 : f.deferred())
                    .append(",\"failed\":").append(f == null ? 0 : f.failed()).append("},\"last_success\":");
            if (f == null || f.lastSuccess() == null) {
                o.append("null");
            } else {
                o.append("{\"time\":").append(time(f.lastSuccess())).append(",\"reply\":")
                        .append(string(f.lastSuccessReply())).append('}');
            }
            o.append(",\"last_failure\":");
            if (f == null || f.lastFailure() == null) {
                o.append("null");
            } else {
                o.append("{\"time\":").append(time(f.lastFailure())).append(",\"kind\":")
                        .append(string(f.lastFailureKind().label())).append(",\"reply\":")
                        .append(string(f.lastFailureReply())).append('}');
            }
            o.append('}');
            sep = ",";
        }
        o.append(']');
    }

    private static void hour(StringBuilder o, List<StatusRecorder.MinuteFigures> hour) {
        o.append(",\"hour\":{\"minute\":[");
        for (int i = 0; i < hour.size(); i++) {
            o.append(i == 0 ? "" : ",").append(hour.get(i).start().getEpochSecond());
        }
        o.append(']');
        series(o, "accepted", hour, StatusRecorder.MinuteFigures::accepted);
        series(o, "delivered", hour, StatusRecorder.MinuteFigures::delivered);
        series(o, "deferred", hour, StatusRecorder.MinuteFigures::deferred);
        series(o, "failed", hour, StatusRecorder.MinuteFigures::failed);
        series(o, "refused", hour, StatusRecorder.MinuteFigures::refused);
        o.append(",\"queue\":[");
        for (int i = 0; i < hour.size(); i++) {
            Integer q = hour.get(i).queue();
            o.append(i == 0 ? "" : ",").append(q == null ? "null" : q.toString());
        }
        // Only the action/policy pairs that happened in the hour: 20 series of zeros say nothing.
        o.append("],\"dsn\":{");
        String sep = "";
        for (Action a : Action.values()) {
            for (DsnDisposition d : DsnDisposition.values()) {
                if (hour.stream().mapToInt(m -> m.dsn(a, d)).sum() > 0) {
                    o.append(sep);
                    series(o.append(string(a.fieldValue() + " " + d.label())).append(':'), hour, m -> m.dsn(a, d));
                    sep = ",";
                }
            }
        }
        o.append("}}");
    }

    private static void series(StringBuilder o, String name, List<StatusRecorder.MinuteFigures> hour,
            ToIntFunction<StatusRecorder.MinuteFigures> value) {
        series(o.append(",\"").append(name).append("\":"), hour, value);
    }

    private static StringBuilder series(StringBuilder o, List<StatusRecorder.MinuteFigures> hour,
            ToIntFunction<StatusRecorder.MinuteFigures> value) {
        o.append('[');
        for (int i = 0; i < hour.size(); i++) {
            o.append(i == 0 ? "" : ",").append(value.applyAsInt(hour.get(i)));
        }
        return o.append(']');
    }

    private static String counts(QueueSnapshot.Counts c) {
        return "{\"messages\":" + c.messages() + ",\"recipients\":" + c.recipients() + "}";
    }

    private static String time(Instant t) {
        return t == null ? "null" : "\"" + t + "\"";
    }

    private static String string(String s) {
        return Json.string(s);
    }
}
