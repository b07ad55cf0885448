package dev.fp.parquet;

import org.apache.parquet.schema.PrimitiveType;

/** How a flat column's values are held in a {@link FlatRow}: integers and booleans as long, floats as double. */
public enum ColumnKind {
  BOOLEAN, INT32, INT64, FLOAT, DOUBLE, BINARY;

  static ColumnKind of(PrimitiveType type) {
    return switch (type.getPrimitiveTypeName()) {
      case BOOLEAN -> BOOLEAN;
      case INT32 -> INT32;
      case INT64 -> INT64;
      case FLOAT -> FLOAT;
      case DOUBLE -> DOUBLE;
      case BINARY, FIXED_LEN_BYTE_ARRAY -> BINARY;
      case INT96 -> throw new IllegalArgumentException("column " + type.getName() + ": INT96 is not supported");
    };
  }
}
