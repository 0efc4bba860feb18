package dev.llmcap.export;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** A small flowing layout over PDFBox: headings, wrapped paragraphs, tables and images on A4 pages, with page footers. */
final class PdfLayout implements AutoCloseable {
  static final float MARGIN = 48;
  private static final PDRectangle SIZE = PDRectangle.A4;
  final PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
  final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
  private final PDDocument doc = new PDDocument();
  private final Map<Integer, Boolean> encodable = new HashMap<>();
  private PDPageContentStream cs;
  private float y;

  PdfLayout(String title) {
    doc.getDocumentInformation().setTitle(title);
    doc.getDocumentInformation().setCreator("llmcap");
  }

  float width() {
    return SIZE.getWidth() - 2 * MARGIN;
  }

  void newPage() throws IOException {
    if (cs != null) {
      cs.close();
    }
    PDPage page = new PDPage(SIZE);
    doc.addPage(page);
    cs = new PDPageContentStream(doc, page);
    y = SIZE.getHeight() - MARGIN;
  }

  /** Starts a new page unless {@code height} points still fit on this one. */
  void need(float height) throws IOException {
    if (cs == null || y - height < MARGIN + 14) {
      newPage();
    }
  }

  /** Points left on the current page above the footer. */
  float remaining() {
    return cs == null ? 0 : y - MARGIN - 14;
  }

  void gap(float points) {
    y -= points;
  }

  void title(String text, String subtitle) throws IOException {
    need(40);
    write(bold, 17, MARGIN, y - 17, text, Color.BLACK);
    y -= 24;
    if (subtitle != null) {
      for (String l : wrap(subtitle, regular, 9, width())) {
        write(regular, 9, MARGIN, y - 9, l, Color.DARK_GRAY);
        y -= 12;
      }
    }
    y -= 4;
  }

  void heading(String text) throws IOException {
    heading(text, 60);
  }

  /** A section heading kept on the same page as the first {@code keepWithNext} points of what follows. */
  void heading(String text, float keepWithNext) throws IOException {
    need(30 + keepWithNext);
    y -= 8;
    write(bold, 12, MARGIN, y - 12, text, new Color(0x1F3864));
    y -= 16;
    cs.setStrokingColor(new Color(0x1F3864));
    cs.setLineWidth(0.6f);
    cs.moveTo(MARGIN, y + 1);
    cs.lineTo(MARGIN + width(), y + 1);
    cs.stroke();
    y -= 5;
  }

  /** A shaded box of lines, the first in bold: the answer. */
  void answer(List<String> lines, Color accent) throws IOException {
    List<String[]> wrapped = new ArrayList<>();
    float h = 10;
    for (int i = 0; i < lines.size(); i++) {
      PDFont f = i == 0 ? bold : regular;
      float size = i == 0 ? 11 : 9.5f;
      for (String l : wrap(lines.get(i), f, size, width() - 20)) {
        wrapped.add(new String[] {i == 0 ? "b" : "r", l});
        h += size + 4;
      }
    }
    need(h + 6);
    cs.setNonStrokingColor(new Color(0xF2F2F2));
    cs.addRect(MARGIN, y - h, width(), h);
    cs.fill();
    cs.setNonStrokingColor(accent);
    cs.addRect(MARGIN, y - h, 4, h);
    cs.fill();
    float ty = y - 6;
    for (String[] w : wrapped) {
      boolean b = w[0].equals("b");
      float size = b ? 11 : 9.5f;
      write(b ? bold : regular, size, MARGIN + 12, ty - size, w[1], Color.BLACK);
      ty -= size + 4;
    }
    y -= h + 6;
  }

  void paragraph(String text, float size, Color colour) throws IOException {
    for (String l : wrap(text, regular, size, width())) {
      need(size + 4);
      write(regular, size, MARGIN, y - size, l, colour);
      y -= size + 3;
    }
  }

  /**
   * A table: relative column widths, right-aligned columns, the first row a bold header on a tinted band. Cells wrap;
   * the header repeats on a new page.
   */
  void table(List<String[]> rows, float[] weights, boolean[] right, float size) throws IOException {
    float total = 0;
    for (float w : weights) {
      total += w;
    }
    float[] cols = new float[weights.length];
    for (int i = 0; i < weights.length; i++) {
      cols[i] = width() * weights[i] / total;
    }
    String[] header = rows.get(0);
    row(header, cols, right, size, true);
    for (int r = 1; r < rows.size(); r++) {
      float h = rowHeight(rows.get(r), cols, size, false);
      if (y - h < MARGIN + 14) {
        newPage();
        row(header, cols, right, size, true);
      }
      row(rows.get(r), cols, right, size, false);
    }
    y -= 4;
  }

  private float rowHeight(String[] cells, float[] cols, float size, boolean head) throws IOException {
    int lines = 1;
    for (int i = 0; i < cells.length; i++) {
      lines = Math.max(lines, wrap(cells[i], head ? bold : regular, size, cols[i] - 6).size());
    }
    return lines * (size + 2.5f) + 4;
  }

  private void row(String[] cells, float[] cols, boolean[] right, float size, boolean head) throws IOException {
    float h = rowHeight(cells, cols, size, head);
    need(h);
    if (head) {
      cs.setNonStrokingColor(new Color(0xDCE6F2));
      cs.addRect(MARGIN, y - h, width(), h);
      cs.fill();
    }
    float x = MARGIN;
    PDFont f = head ? bold : regular;
    for (int i = 0; i < cells.length; i++) {
      float ty = y - 2;
      for (String l : wrap(cells[i], f, size, cols[i] - 6)) {
        float tx = right[i] ? x + cols[i] - 3 - f.getStringWidth(safe(f, l)) / 1000 * size : x + 3;
        write(f, size, tx, ty - size, l, Color.BLACK);
        ty -= size + 2.5f;
      }
      x += cols[i];
    }
    cs.setStrokingColor(new Color(0xD9D9D9));
    cs.setLineWidth(0.4f);
    cs.moveTo(MARGIN, y - h);
    cs.lineTo(MARGIN + width(), y - h);
    cs.stroke();
    y -= h;
  }

  /** Embeds an image (losslessly) at the given size in points, centred. */
  void image(BufferedImage img, float w, float h) throws IOException {
    need(h + 6);
    PDImageXObject x = LosslessFactory.createFromImage(doc, img);
    cs.drawImage(x, MARGIN + (width() - w) / 2, y - h, w, h);
    y -= h + 6;
  }

  /** Closes the last page, writes "page i of n" footers and returns the PDF. */
  byte[] finish(String footer) throws IOException {
    if (cs != null) {
      cs.close();
      cs = null;
    }
    int n = doc.getNumberOfPages();
    for (int i = 0; i < n; i++) {
      try (PDPageContentStream f = new PDPageContentStream(doc, doc.getPage(i), PDPageContentStream.AppendMode.APPEND, true, true)) {
        String text = safe(regular, footer + "  -  page " + (i + 1) + " of " + n);
        f.beginText();
        f.setFont(regular, 7.5f);
        f.setNonStrokingColor(Color.GRAY);
        f.newLineAtOffset(MARGIN, MARGIN - 20);
        f.showText(text);
        f.endText();
      }
    }
    // The trailer /ID is normally made from the clock: write a placeholder, then put a hash of the document in its
    // place (same length, so no offset moves) and the same plan always gives the same bytes.
    org.apache.pdfbox.cos.COSString placeholder = new org.apache.pdfbox.cos.COSString(ID_PLACEHOLDER);
    placeholder.setForceHexForm(true);
    org.apache.pdfbox.cos.COSArray id = new org.apache.pdfbox.cos.COSArray();
    id.add(placeholder);
    id.add(placeholder);
    doc.getDocument().getTrailer().setItem(org.apache.pdfbox.cos.COSName.ID, id);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    doc.save(out);
    return withContentId(out.toByteArray());
  }

  private static final byte[] ID_PLACEHOLDER = "llmcap-pdf-id-00".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** Replaces the placeholder document ID (hex in the trailer) with the first 16 bytes of the SHA-256 of the document. */
  static byte[] withContentId(byte[] pdf) {
    byte[] hex = java.util.HexFormat.of().withUpperCase().formatHex(ID_PLACEHOLDER).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] digest;
    try {
      digest = java.security.MessageDigest.getInstance("SHA-256").digest(pdf);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] idHex = java.util.HexFormat.of().withUpperCase().formatHex(java.util.Arrays.copyOf(digest, 16))
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (int i = 0; i + hex.length <= pdf.length; i++) {
      if (pdf[i] == hex[0] && java.util.Arrays.equals(pdf, i, i + hex.length, hex, 0, hex.length)) {
        System.arraycopy(idHex, 0, pdf, i, idHex.length);
        i += hex.length - 1;
      }
    }
    return pdf;
  }

  @Override
  public void close() throws IOException {
    if (cs != null) {
      cs.close();
    }
    doc.close();
  }

  private void write(PDFont f, float size, float x, float ty, String text, Color colour) throws IOException {
    cs.beginText();
    cs.setFont(f, size);
    cs.setNonStrokingColor(colour);
    cs.newLineAtOffset(x, ty);
    cs.showText(safe(f, text));
    cs.endText();
  }

  /** The text cut (with "...") to one line of the given width at the regular font. */
  String fit(String text, float size, float maxWidth) throws IOException {
    String t = safe(regular, text == null ? "" : text);
    if (regular.getStringWidth(t) / 1000 * size <= maxWidth) {
      return t;
    }
    while (t.length() > 1 && regular.getStringWidth(t + "...") / 1000 * size > maxWidth) {
      t = t.substring(0, t.length() - 1);
    }
    return t.strip() + "...";
  }

  /** Greedy word wrap to a width in points; a word longer than the width is cut. */
  List<String> wrap(String text, PDFont f, float size, float maxWidth) throws IOException {
    List<String> lines = new ArrayList<>();
    String t = text == null ? "" : safe(f, text);
    StringBuilder line = new StringBuilder();
    for (String word : t.split(" ")) {
      String candidate = line.length() == 0 ? word : line + " " + word;
      if (f.getStringWidth(candidate) / 1000 * size <= maxWidth) {
        line.setLength(0);
        line.append(candidate);
        continue;
      }
      if (line.length() > 0) {
        lines.add(line.toString());
        line.setLength(0);
      }
      String w = word;
      while (f.getStringWidth(w) / 1000 * size > maxWidth && w.length() > 1) {
        int cut = w.length() - 1;
        while (cut > 1 && f.getStringWidth(w.substring(0, cut)) / 1000 * size > maxWidth) {
          cut--;
        }
        lines.add(w.substring(0, cut));
        w = w.substring(cut);
      }
      line.append(w);
    }
    lines.add(line.toString());
    return lines;
  }

  /** Replaces what the standard fonts cannot encode (WinAnsi): common symbols by ASCII, anything else by '?'. */
  String safe(PDFont f, String s) {
    String t = s.replace("\u2264", "<=").replace("\u2265", ">=").replace("\u2192", "->").replace("\u2248", "~")
        .replace("\t", " ").replace("\n", " ").replace("\r", " ");
    StringBuilder b = new StringBuilder(t.length());
    t.codePoints().forEach(cp -> {
      boolean ok = encodable.computeIfAbsent(cp, c -> {
        try {
          f.encode(new String(Character.toChars(c)));
          return true;
        } catch (IOException | IllegalArgumentException e) {
          return false;
        }
      });
      b.append(ok ? new String(Character.toChars(cp)) : "?");
    });
    return b.toString();
  }
}
