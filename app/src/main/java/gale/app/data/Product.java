package gale.app.data;

/** One row of seed 004's catalogue. */
public record Product(int id, String sku, String name, String category, int priceCents) {}
