-- Stock per SKU. The checks are the last line of defence against overselling: a reservation that would drive a
-- count below zero fails its transaction instead of committing.
create table stock (
    sku       text primary key,
    available int  not null check (available >= 0),
    reserved  int  not null check (reserved >= 0)
);

-- One reserve outcome per order (order_id is unique), so a second reserve command for the order answers what was
-- decided the first time. A release that finds no row leaves one in state RELEASED with no lines: the marker that
-- refuses a reserve arriving after its compensation.
create table reservation (
    reservation_id text        primary key,
    order_id       text        not null unique,
    state          text        not null check (state in ('RESERVED', 'REJECTED', 'RELEASED')),
    reason         text,
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);

-- The lines an order asked for. For a rejected order, short_of_available records what was on hand for each line
-- that fell short, so the rejection can be answered again unchanged; it is null for lines that were not short.
create table reservation_line (
    reservation_id     text not null references reservation (reservation_id),
    sku                text not null,
    quantity           int  not null check (quantity > 0),
    short_of_available int check (short_of_available >= 0),
    primary key (reservation_id, sku)
);

-- The demo catalog (documented in the README). MUG-BLUE and TEA-EARLGREY-250 are the SKUs of the contract
-- examples, so the canonical dev.cascade.order.place.v1 example goes through; SKU-SOLD-OUT is never in stock.
insert into stock (sku, available, reserved) values
    ('MUG-BLUE', 200, 0),
    ('TEA-EARLGREY-250', 300, 0),
    ('SKU-ESPRESSO-CUPS', 500, 0),
    ('SKU-MOKA-POT', 120, 0),
    ('SKU-BEANS-1KG', 250, 0),
    ('SKU-GRINDER-BURR', 40, 0),
    ('SKU-SOLD-OUT', 0, 0);
