-- Seed 004's fix, found with Performance Insights: the search by sku reads one index entry instead of every row.
CREATE INDEX gale_catalogue_sku ON gale_catalogue (sku);
