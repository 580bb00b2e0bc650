-- Seed 004's catalogue, searched by sku: without V4's index every search reads the whole table.
CREATE TABLE gale_catalogue (
    id INT PRIMARY KEY,
    sku VARCHAR(32) NOT NULL,
    name VARCHAR(200) NOT NULL,
    category VARCHAR(50) NOT NULL,
    price_cents INT NOT NULL
);
