package dev.llmcap.model.fact;

import dev.llmcap.catalog.GpuPrice;

/**
 * One instance offer (a price row) that holds a GPU's chosen layout, with the whole instances the replica range needs:
 * a replica spans instancesPerReplica instances, or replicasPerInstance replicas share one instance. The instance counts
 * are summed over the availability zones the replicas are spread over; packingAtMin/packingAtMax explain that per-zone
 * packing (empty when the replicas live in one zone).
 */
public final class InstanceFit {
  private final String gpu;
  private final GpuPrice offer;
  private final int instancesPerReplica;
  private final int replicasPerInstance;
  private final int instancesAtMin;
  private final int instancesAtMax;
  private final double expectedInstances;
  private final int idleGpusAtMax;
  private final double monthlyUsd;
  private final String packingAtMin;
  private final String packingAtMax;

  public InstanceFit(String gpu, GpuPrice offer, int instancesPerReplica, int replicasPerInstance, int instancesAtMin,
      int instancesAtMax, double expectedInstances, int idleGpusAtMax, double monthlyUsd, String packingAtMin, String packingAtMax) {
    this.gpu = gpu;
    this.offer = offer;
    this.instancesPerReplica = instancesPerReplica;
    this.replicasPerInstance = replicasPerInstance;
    this.instancesAtMin = instancesAtMin;
    this.instancesAtMax = instancesAtMax;
    this.expectedInstances = expectedInstances;
    this.idleGpusAtMax = idleGpusAtMax;
    this.monthlyUsd = monthlyUsd;
    this.packingAtMin = packingAtMin;
    this.packingAtMax = packingAtMax;
  }

  public String getGpu() { return gpu; }
  public GpuPrice getOffer() { return offer; }
  public String getInstanceType() { return offer.getInstanceType(); }
  public int getInstancesPerReplica() { return instancesPerReplica; }
  public int getReplicasPerInstance() { return replicasPerInstance; }
  public int getInstancesAtMin() { return instancesAtMin; }
  public int getInstancesAtMax() { return instancesAtMax; }
  public double getExpectedInstances() { return expectedInstances; }
  public int getIdleGpusAtMax() { return idleGpusAtMax; }
  public double getMonthlyUsd() { return monthlyUsd; }
  /** How the replicas at min are packed per zone ("" in one zone). */
  public String getPackingAtMin() { return packingAtMin; }
  /** How the replicas at max are packed per zone ("" in one zone). */
  public String getPackingAtMax() { return packingAtMax; }

  /** "2 instances per replica" or "8 replicas per instance", for explanations. */
  public String shape() {
    return replicasPerInstance > 0 ? replicasPerInstance + " replica(s) per instance" : instancesPerReplica + " instance(s) per replica";
  }

  @Override
  public String toString() {
    return gpu + " on " + offer.getInstanceType() + " (" + offer.getInstanceGpus() + " GPUs): " + shape() + ", "
        + instancesAtMin + "-" + instancesAtMax + " instances, " + idleGpusAtMax + " idle GPUs at max"
        + (packingAtMin.isEmpty() ? "" : "; " + packingAtMin) + (packingAtMax.isEmpty() ? "" : "; " + packingAtMax);
  }
}
