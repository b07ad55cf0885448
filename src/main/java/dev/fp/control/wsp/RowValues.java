package dev.fp.control.wsp;

import dev.fp.parquet.FlatRow;
import dev.fp.parquet.FlatSchema;
import org.apache.parquet.schema.LogicalTypeAnnotation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stream-view row as the payload dict the reference builds (control_ingress §4.5): every column by name, integers
 * as longs, floats as doubles, decimals converted to floats, byte strings as UTF-8 text, nulls kept.
 */
final class RowValues {
  private final FlatSchema schema;
  private final int[] decimalScale;

  RowValues(FlatSchema schema) {
    this.schema = schema;
    this.decimalScale = new int[schema.size()];
    for (int i = 0; i < schema.size(); i++) {
      LogicalTypeAnnotation t = schema.message().getType(i).getLogicalTypeAnnotation();
      decimalScale[i] = t instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d ? d.getScale() : -1;
    }
  }

  Map<String, Object> of(FlatRow row) {
    Map<String, Object> out = new LinkedHashMap<>(schema.size() * 2);
    for (int i = 0; i < schema.size(); i++) {
      out.put(schema.name(i), row.isNull(i) ? null : value(row, i));
    }
    return out;
  }

  private Object value(FlatRow row, int i) {
    if (decimalScale[i] >= 0) {
      return decimal(row, i);
    }
    return switch (schema.kind(i)) {
      case BOOLEAN -> row.getBool(i);
      case INT32, INT64 -> row.getLong(i);
      case FLOAT, DOUBLE -> row.getDouble(i);
      case BINARY -> row.getString(i);
    };
  }

  private double decimal(FlatRow row, int i) {
    BigInteger unscaled = switch (schema.kind(i)) {
      case INT32, INT64 -> BigInteger.valueOf(row.getLong(i));
      default -> new BigInteger(row.getBinary(i).getBytes());
    };
    return new BigDecimal(unscaled, decimalScale[i]).doubleValue();
  }
}
