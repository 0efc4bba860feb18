package dev.llmcap.model.fact;

import dev.llmcap.catalog.GpuPrice;

/**
 * One instance offer (a price row) that holds a GPU's chosen layout, with the whole instances the replica range needs:
 * a replica spans instancesPerReplica instances, or replicasPerInstance replicas share one instance.
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

  public InstanceFit(String gpu, GpuPrice offer, int instancesPerReplica, int replicasPerInstance, int instancesAtMin,
      int instancesAtMax, double expectedInstances, int idleGpusAtMax, double monthlyUsd) {
    this.gpu = gpu;
    this.offer = offer;
    this.instancesPerReplica = instancesPerReplica;
    this.replicasPerInstance = replicasPerInstance;
    this.instancesAtMin = instancesAtMin;
    this.instancesAtMax = instancesAtMax;
    this.expectedInstances = expectedInstances;
    this.idleGpusAtMax = idleGpusAtMax;
    this.monthlyUsd = monthlyUsd;
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

  /** "2 instances per replica" or "8 replicas per instance", for explanations. */
  public String shape() {
    return replicasPerInstance > 0 ? replicasPerInstance + " replica(s) per instance" : instancesPerReplica + " instance(s) per replica";
  }

  @Override
  public String toString() {
    return gpu + " on " + offer.getInstanceType() + " (" + offer.getInstanceGpus() + " GPUs): " + shape() + ", "
        + instancesAtMin + "-" + instancesAtMax + " instances, " + idleGpusAtMax + " idle GPUs at max";
  }
}
