package gale.control.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gale.control.fault.Fault;
import gale.control.fault.FaultJson;
import gale.control.fault.FaultRegistry;
import gale.control.fault.FaultSpec;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * {@code /api/faults} (docs/api.md): {@code POST} injects (201 with the fault), {@code GET} lists active then recently
 * ended faults, {@code GET /api/faults/ID} one, {@code DELETE /api/faults/ID} clears one and {@code DELETE /api/faults}
 * every active one. Changes need the token, as every change does.
 */
final class FaultRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FaultRoutes() {}

    static void install(Router router, Supplier<FaultRegistry> faults) {
        router.get("/api/faults")
                .handler(ctx -> AdminApi.json(ctx, 200, list(faults.get().list())));
        router.get("/api/faults/:id")
                .handler(ctx -> faults.get()
                        .get(ctx.pathParam("id"))
                        .ifPresentOrElse(
                                fault -> AdminApi.json(ctx, 200, fault.toJson()),
                                () -> AdminApi.error(ctx, 404, "no fault " + ctx.pathParam("id"), null)));
        router.post("/api/faults").handler(ctx -> {
            var body = AdminApi.body(ctx);
            if (body == null) {
                return;
            }
            FaultSpec spec;
            try {
                spec = FaultJson.parse(body);
            } catch (IllegalArgumentException e) {
                AdminApi.error(ctx, 400, e.getMessage(), e.getMessage().split(":", 2)[0]);
                return;
            }
            AdminApi.blocking(ctx, 201, () -> faults.get().inject(spec).toJson());
        });
        router.delete("/api/faults/:id")
                .handler(ctx -> AdminApi.blocking(ctx, 200, () -> {
                    String id = ctx.pathParam("id");
                    if (faults.get().get(id).isEmpty()) {
                        throw new NoSuchElementException("no fault " + id);
                    }
                    return faults.get().clear(id).toJson();
                }));
        router.delete("/api/faults")
                .handler(ctx ->
                        AdminApi.blocking(ctx, 200, () -> list(faults.get().clearAll())));
    }

    private static ObjectNode list(List<Fault> faults) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode items = answer.putArray("faults");
        faults.forEach(fault -> items.add(fault.toJson()));
        return answer;
    }
}
