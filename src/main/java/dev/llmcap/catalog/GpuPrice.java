package dev.llmcap.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** One published on-demand price of a GPU in a cloud region, with its date and source. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GpuPrice {
  private String gpu;
  private String cloud;
  private String region;
  private String instanceType;
  private Integer gpusPerInstance;
  private Double usdPerInstanceHour;
  private Double usdPerGpuHour;
  private String pricing;
  private String date;
  private String source;
  private Integer fastLinkDomainGpus;
  private Double scaleOutGbps;
  private String scaleOutKind;
  private String shapeDate;
  private String shapeSource;

  public GpuPrice() {}

  /** Id of the GPU this price belongs to (filled in when the catalog is read). */
  public String getGpu() { return gpu; }
  public void setGpu(String v) { this.gpu = v; }
  public String getCloud() { return cloud; }
  public void setCloud(String v) { this.cloud = v; }
  public String getRegion() { return region; }
  public void setRegion(String v) { this.region = v; }
  public String getInstanceType() { return instanceType; }
  public void setInstanceType(String v) { this.instanceType = v; }
  public Integer getGpusPerInstance() { return gpusPerInstance; }
  public void setGpusPerInstance(Integer v) { this.gpusPerInstance = v; }
  public Double getUsdPerInstanceHour() { return usdPerInstanceHour; }
  public void setUsdPerInstanceHour(Double v) { this.usdPerInstanceHour = v; }
  public double getUsdPerGpuHour() { return usdPerGpuHour == null ? Double.NaN : usdPerGpuHour; }
  public void setUsdPerGpuHour(Double v) { this.usdPerGpuHour = v; }
  public String getPricing() { return pricing == null ? "on-demand" : pricing; }
  public void setPricing(String v) { this.pricing = v; }
  public String getDate() { return date; }
  public void setDate(String v) { this.date = v; }
  public String getSource() { return source; }
  public void setSource(String v) { this.source = v; }

  /** GPUs sharing one NVLink/NVSwitch domain in this instance type (null: PCIe only inside the instance). */
  public Integer getFastLinkDomainGpus() { return fastLinkDomainGpus; }
  public void setFastLinkDomainGpus(Integer v) { this.fastLinkDomainGpus = v; }
  /** Scale-out network of one instance in Gbit/s (NaN when unknown). */
  public double getScaleOutGbps() { return scaleOutGbps == null ? Double.NaN : scaleOutGbps; }
  public void setScaleOutGbps(Double v) { this.scaleOutGbps = v; }
  public String getScaleOutKind() { return scaleOutKind; }
  public void setScaleOutKind(String v) { this.scaleOutKind = v; }
  public String getShapeDate() { return shapeDate; }
  public void setShapeDate(String v) { this.shapeDate = v; }
  public String getShapeSource() { return shapeSource; }
  public void setShapeSource(String v) { this.shapeSource = v; }

  /** GPUs one tensor-parallel group may span in this instance type: its fast-link domain, else the instance's PCIe GPUs. */
  public int getTensorDomainGpus() {
    int inInstance = gpusPerInstance == null ? 1 : gpusPerInstance;
    return fastLinkDomainGpus == null ? inInstance : Math.max(fastLinkDomainGpus, inInstance);
  }

  /** Instance price per hour (NaN when the row has none). */
  public double getInstanceUsdPerHour() { return usdPerInstanceHour == null ? Double.NaN : usdPerInstanceHour; }

  /** GPUs in one instance (1 when the row does not say). */
  public int getInstanceGpus() { return gpusPerInstance == null ? 1 : gpusPerInstance; }

  /** True for an on-demand list price (reserved or capacity-block rows are kept but not used by default). */
  public boolean isOnDemand() { return "on-demand".equals(getPricing()); }

  @Override
  public String toString() {
    return "price " + gpu + " " + cloud + "/" + region + " " + instanceType + " $" + usdPerGpuHour + "/GPU-h (" + date + ")";
  }
}
