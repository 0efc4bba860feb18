package dev.llmcap.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Service metadata: identity, environment, criticality, cloud and region (seed: ServiceInput). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"service_id", "service_name", "team_id", "environment", "criticality", "cloud_provider", "region", "pricing"})
public class ServiceInput {
  private String serviceId;
  private String serviceName;
  private String teamId;
  private String environment;
  private String criticality;
  private String cloudProvider;
  private String region;
  private String pricing;

  public ServiceInput() {}

  public String getServiceId() { return serviceId; }
  public void setServiceId(String v) { this.serviceId = v; }
  public String getServiceName() { return serviceName; }
  public void setServiceName(String v) { this.serviceName = v; }
  public String getTeamId() { return teamId; }
  public void setTeamId(String v) { this.teamId = v; }
  public String getEnvironment() { return environment; }
  public void setEnvironment(String v) { this.environment = v; }
  public String getCriticality() { return criticality; }
  public void setCriticality(String v) { this.criticality = v; }
  public String getCloudProvider() { return cloudProvider; }
  public void setCloudProvider(String v) { this.cloudProvider = v; }
  public String getRegion() { return region; }
  public void setRegion(String v) { this.region = v; }
  /** Pricing model of the instance prices: on-demand, reserved-1y, reserved-3y or spot. */
  public String getPricing() { return pricing; }
  public void setPricing(String v) { this.pricing = v; }
}
