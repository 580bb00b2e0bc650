-- Seed 003's shared value and seed 001's short URLs. Plain SQL that H2, MariaDB and PostgreSQL all accept.
CREATE TABLE gale_seed (
    id INT PRIMARY KEY,
    num BIGINT NOT NULL
);

INSERT INTO gale_seed (id, num) VALUES (1, 0);

CREATE TABLE gale_urls (
    code VARCHAR(16) PRIMARY KEY,
    url VARCHAR(2048) NOT NULL,
    created_at TIMESTAMP NOT NULL
);
