package dev.fp.parquet;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

import java.util.ArrayList;
import java.util.List;

/**
 * A Parquet schema of top-level primitive columns only (every engine output is one), with each column's
 * {@link ColumnKind} and nullability. Built from a file footer ({@link #of(MessageType)}) or declared
 * ({@link #builder(String)}); the original {@link MessageType} is kept so rewritten files keep their annotations.
 */
public final class FlatSchema {
  private final MessageType message;
  private final String[] names;
  private final ColumnKind[] kinds;
  private final boolean[] nullable;

  private FlatSchema(MessageType message) {
    this.message = message;
    int n = message.getFieldCount();
    names = new String[n];
    kinds = new ColumnKind[n];
    nullable = new boolean[n];
    for (int i = 0; i < n; i++) {
      Type field = message.getType(i);
      if (!field.isPrimitive() || field.isRepetition(Repetition.REPEATED)) {
        throw new IllegalArgumentException("schema " + message.getName() + ": column " + field.getName()
            + " is not a flat primitive column");
      }
      names[i] = field.getName();
      kinds[i] = ColumnKind.of(field.asPrimitiveType());
      nullable[i] = field.isRepetition(Repetition.OPTIONAL);
    }
  }

  public static FlatSchema of(MessageType message) {
    return new FlatSchema(message);
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  public MessageType message() {
    return message;
  }

  public int size() {
    return names.length;
  }

  public String name(int column) {
    return names[column];
  }

  public ColumnKind kind(int column) {
    return kinds[column];
  }

  public boolean nullable(int column) {
    return nullable[column];
  }

  /** Index of a column; fails naming the column when absent. */
  public int index(String column) {
    int i = indexOrMinus1(column);
    if (i < 0) {
      throw new IllegalArgumentException("schema " + message.getName() + " has no column " + column);
    }
    return i;
  }

  public int indexOrMinus1(String column) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(column)) {
        return i;
      }
    }
    return -1;
  }

  public List<String> names() {
    return List.of(names);
  }

  /** Declares a schema column by column. */
  public static final class Builder {
    private final String name;
    private final List<Type> fields = new ArrayList<>();

    Builder(String name) {
      this.name = name;
    }

    public Builder int64(String column) {
      return add(Types.required(PrimitiveTypeName.INT64).named(column));
    }

    public Builder optionalInt64(String column) {
      return add(Types.optional(PrimitiveTypeName.INT64).named(column));
    }

    public Builder float64(String column) {
      return add(Types.required(PrimitiveTypeName.DOUBLE).named(column));
    }

    public Builder bool(String column) {
      return add(Types.required(PrimitiveTypeName.BOOLEAN).named(column));
    }

    public Builder string(String column) {
      return add(Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(column));
    }

    public Builder optionalString(String column) {
      return add(Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(column));
    }

    private Builder add(PrimitiveType type) {
      fields.add(type);
      return this;
    }

    public FlatSchema build() {
      return new FlatSchema(new MessageType(name, fields));
    }
  }
}
