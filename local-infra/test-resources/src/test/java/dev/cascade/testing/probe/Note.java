package dev.cascade.testing.probe;

import io.quarkus.hibernate.reactive.panache.PanacheEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A Panache entity that exists only to prove the test resources reach a real PostgreSQL. */
@Entity
@Table(name = "probe_note")
public class Note extends PanacheEntity {

    public String text;

    public Note() {
    }

    public Note(String text) {
        this.text = text;
    }
}
