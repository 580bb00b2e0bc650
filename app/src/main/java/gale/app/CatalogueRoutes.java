package gale.app;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/**
 * Seed 004's slow query: {@code GET /catalogue?sku=SKU-001234} finds one of the catalogue's 20,000 products by sku.
 * Without the sku index (stack file {@code database.catalogueIndex: false}) each search reads every row, and under
 * load the database becomes the bottleneck, as Performance Insights showed the seed's authors. Never cached: it is
 * there to show the database's own cost.
 */
final class CatalogueRoutes {

    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9-]{1,32}");

    private final AppState state;

    CatalogueRoutes(AppState state) {
        this.state = state;
    }

    void install(Routes routes) {
        routes.add(HttpMethod.GET, "/catalogue", ctx -> {
            String sku = ctx.request().getParam("sku");
            if (sku == null || !SKU.matcher(sku).matches()) {
                Http.error(
                        ctx,
                        400,
                        "sku: " + (sku == null ? "missing" : "'" + Http.abbreviate(sku) + "'")
                                + " (expected: a sku such as SKU-001234)");
                return;
            }
            routes.database(ctx, wait -> state.database().product(wait, sku), product -> {
                if (product.isEmpty()) {
                    Http.error(ctx, 404, "sku: '" + sku + "' (expected: one of SKU-000000 to SKU-019999)");
                    return;
                }
                Http.json(
                        ctx,
                        200,
                        new JsonObject()
                                .put("id", product.get().id())
                                .put("sku", product.get().sku())
                                .put("name", product.get().name())
                                .put("category", product.get().category())
                                .put("priceCents", product.get().priceCents()));
            });
        });
    }
}
