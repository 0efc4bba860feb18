package dev.llmcap.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One accelerator of the GPU catalog (a file in gpu-catalog/), inserted into sessions as a candidate fact. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GpuSpec {
  /** Interconnect of a GPU: type and bandwidth. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class Interconnect {
    private String type;
    private Double bwGbpsTotal;
    private Double bwGbpsPerDirection;

    public String getType() { return type; }
    public void setType(String v) { this.type = v; }
    public Double getBwGbpsTotal() { return bwGbpsTotal; }
    public void setBwGbpsTotal(Double v) { this.bwGbpsTotal = v; }
    public Double getBwGbpsPerDirection() { return bwGbpsPerDirection; }
    public void setBwGbpsPerDirection(Double v) { this.bwGbpsPerDirection = v; }
  }

  private String id;
  private String displayName;
  private String vendor;
  private List<String> aliases = new ArrayList<>();
  private double memoryGb;
  private String memoryType;
  private double memBandwidthTbps;
  private Map<String, Double> denseTflops = new LinkedHashMap<>();
  private Interconnect interconnect = new Interconnect();
  private int maxGpusPerNode = 8;
  private Integer fastLinkDomainGpus;
  private String formFactor;
  private Double tdpW;
  private Integer releaseYear;
  private String architecture;
  private String notes;
  private List<String> sources = new ArrayList<>();
  private List<GpuPrice> prices = new ArrayList<>();

  public GpuSpec() {}

  /** A copy with another memory size (the user's gpu_memory_gb override). */
  public GpuSpec withMemoryGb(double gb) {
    GpuSpec c = new GpuSpec();
    c.id = id; c.displayName = displayName; c.vendor = vendor; c.aliases = aliases; c.memoryGb = gb;
    c.memoryType = memoryType; c.memBandwidthTbps = memBandwidthTbps; c.denseTflops = denseTflops;
    c.interconnect = interconnect; c.maxGpusPerNode = maxGpusPerNode; c.fastLinkDomainGpus = fastLinkDomainGpus; c.formFactor = formFactor; c.tdpW = tdpW;
    c.releaseYear = releaseYear; c.architecture = architecture; c.notes = notes; c.sources = sources; c.prices = prices;
    return c;
  }

  public String getId() { return id; }
  public void setId(String v) { this.id = v; }
  public String getDisplayName() { return displayName; }
  public void setDisplayName(String v) { this.displayName = v; }
  public String getVendor() { return vendor; }
  public void setVendor(String v) { this.vendor = v; }
  public List<String> getAliases() { return aliases; }
  public void setAliases(List<String> v) { this.aliases = v == null ? new ArrayList<>() : v; }
  public double getMemoryGb() { return memoryGb; }
  public void setMemoryGb(double v) { this.memoryGb = v; }
  public String getMemoryType() { return memoryType; }
  public void setMemoryType(String v) { this.memoryType = v; }
  public double getMemBandwidthTbps() { return memBandwidthTbps; }
  public void setMemBandwidthTbps(double v) { this.memBandwidthTbps = v; }
  public Map<String, Double> getDenseTflops() { return denseTflops; }
  public void setDenseTflops(Map<String, Double> v) { this.denseTflops = v == null ? new LinkedHashMap<>() : v; }
  public Interconnect getInterconnect() { return interconnect; }
  public void setInterconnect(Interconnect v) { this.interconnect = v == null ? new Interconnect() : v; }
  public int getMaxGpusPerNode() { return maxGpusPerNode; }
  public void setMaxGpusPerNode(Integer v) { this.maxGpusPerNode = v == null ? 1 : v; }
  /** GPUs sharing one NVLink/NVSwitch domain (8 on HGX boards, 72 on NVL72 racks); null for PCIe-only parts. */
  public Integer getFastLinkDomainGpus() { return fastLinkDomainGpus; }
  public void setFastLinkDomainGpus(Integer v) { this.fastLinkDomainGpus = v; }
  /** GPUs a tensor-parallel group may span when no instance offer says: the fast-link domain, else one node. */
  public int getTensorDomainGpus() {
    return fastLinkDomainGpus == null ? maxGpusPerNode : Math.max(fastLinkDomainGpus, maxGpusPerNode);
  }
  public String getFormFactor() { return formFactor; }
  public void setFormFactor(String v) { this.formFactor = v; }
  public Double getTdpW() { return tdpW; }
  public void setTdpW(Double v) { this.tdpW = v; }
  public Integer getReleaseYear() { return releaseYear; }
  public void setReleaseYear(Integer v) { this.releaseYear = v; }
  public String getArchitecture() { return architecture == null ? "" : architecture; }
  public void setArchitecture(String v) { this.architecture = v; }
  public String getNotes() { return notes; }
  public void setNotes(String v) { this.notes = v; }
  public List<String> getSources() { return sources; }
  public void setSources(List<String> v) { this.sources = v == null ? new ArrayList<>() : v; }
  public List<GpuPrice> getPrices() { return prices; }
  public void setPrices(List<GpuPrice> v) { this.prices = v == null ? new ArrayList<>() : v; }

  /** Dense tensor TFLOPs for a catalog precision key (fp32, fp16, bf16, fp8, int8, int4, fp4); NaN when the part has none. */
  public double tflops(String key) {
    Double v = denseTflops.get(key.toLowerCase(Locale.ROOT));
    return v == null ? Double.NaN : v;
  }

  /** HBM or GDDR, from the memory type (the rules look up how many bytes a catalog "GB" holds for each). */
  public String getMemoryFamily() {
    return memoryType != null && memoryType.toUpperCase(Locale.ROOT).startsWith("HBM") ? "HBM" : "GDDR";
  }

  /** Whether the part has tensor cores for that precision key. */
  public boolean has(String key) {
    return !Double.isNaN(tflops(key));
  }

  /** Per-direction GPU-to-GPU bandwidth in GB/s (0 when unknown). */
  public double getLinkGbps() {
    Double v = interconnect.getBwGbpsPerDirection();
    return v == null ? 0 : v;
  }

  @Override
  public String toString() {
    return "GPU " + id + " (" + memoryGb + " GB, " + memBandwidthTbps + " TB/s, link " + getLinkGbps() + " GB/s)";
  }
}
