using System.ComponentModel.DataAnnotations;

namespace Continuity.PlanFiles;

// The plan-file model: what one YAML document of each kind holds. The loader binds YAML to
// these classes (reporting file:line:column for every problem), the writer prints them back
// canonically, the JSON Schema is generated from them, and the database maps to and from them.
// Property order here is the order in exported files. Defaults are omitted on export.

/// <summary>The envelope of every document: <c>apiVersion</c>, <c>kind</c>, <c>metadata</c>, <c>spec</c>.</summary>
public sealed class Metadata
{
    [Required, Slug, Doc("Stable id of the element: lowercase letters, digits and dashes. Other elements refer to it by this name.")]
    public string Name { get; set; } = "";

    [Doc("Human-readable title.")]
    public string? Title { get; set; }

    [RefTo(ElementKind.Person), Doc("The person accountable for this element.")]
    public Reference? Owner { get; set; }

    [Doc("Free key/value labels (region: eu-west-1). What-if queries can select by label.")]
    public Dictionary<string, string> Labels { get; set; } = [];

    [Doc("Free key/value notes for tools and people; not interpreted.")]
    public Dictionary<string, string> Annotations { get; set; } = [];
}

/// <summary>The base of every kind's spec, so documents can be handled alike.</summary>
public abstract class ElementSpec
{
    [Doc("What this element is, in a sentence or two (Markdown).")]
    public string? Description { get; set; }
}

// ---------------------------------------------------------------- organisation and people

/// <summary>How bad an impact is at a point in time. Plan files write the name or the number.</summary>
public enum ImpactRating { Minimal = 1, Minor = 2, Moderate = 3, Major = 4, Severe = 5 }

[Doc("The organisation: scope of the plan, review cadence and the business impact analysis scales. Exactly one per plan.")]
public sealed class OrganisationSpec : ElementSpec
{
    [Doc("What the business continuity plan covers, in one paragraph.")]
    public string? Scope { get; set; }

    [Doc("The services the plan covers (for example the marketing site, the customer platform, the license service).")]
    public List<ServiceInScope> Services { get; set; } = [];

    [Range(1, 36), Doc("Months between plan reviews. Default 6: twice a year.")]
    public int ReviewIntervalMonths { get; set; } = 6;

    [Range(1, 100), Doc("Share of relevant people (percent) who must acknowledge a plan version.")]
    public int AcknowledgementThreshold { get; set; } = 95;

    [Doc("ISO 4217 currency of money amounts in the business impact analysis.")]
    public string Currency { get; set; } = "USD";

    [Doc("The scales of the business impact analysis.")]
    public ImpactScales Impact { get; set; } = new();

    [Range(1, 100), Doc("How many restores one team can run at the same time during a recovery.")]
    public int RestoreCapacityPerTeam { get; set; } = 2;

    [Doc("Accepted exceptions to plan checks: which check, for which element, why, who owns it and until when.")]
    public List<WaiverSpec> Waivers { get; set; } = [];
}

[Doc("An accepted exception to one plan check for one element. An expired waiver is a finding itself.")]
public sealed class WaiverSpec
{
    [Required, Doc("The id of the check (CT101 …), see docs/checks.md.")]
    public string Check { get; set; } = "";

    [Required, RefTo(ElementKind.Organisation, ElementKind.Site, ElementKind.Team, ElementKind.Person, ElementKind.Role,
        ElementKind.BusinessFunction, ElementKind.System, ElementKind.Vendor, ElementKind.Risk, ElementKind.Scenario,
        ElementKind.Procedure, ElementKind.CommunicationPlan, ElementKind.BackupPolicy),
     Doc("The element the waiver is for (kind:name).")]
    public Reference? Element { get; set; }

    [Required, Doc("Why the finding is accepted, and what is done instead.")]
    public string Reason { get; set; } = "";

    [Required, RefTo(ElementKind.Person), Doc("Who answers for the waiver.")]
    public Reference? Owner { get; set; }

    [Required, Doc("The last day the waiver applies; after it, the finding counts again.")]
    public DateOnly? Expires { get; set; }
}

public sealed class ServiceInScope
{
    [Required, Slug, Doc("Stable id of the service; business functions name it in 'supports'.")]
    public string Name { get; set; } = "";

    public string? Title { get; set; }

    public string? Url { get; set; }

    public string? Description { get; set; }
}

public sealed class ImpactScales
{
    [Doc("Impact categories rated over time in every business impact analysis.")]
    public List<string> Categories { get; set; } = ["financial", "customer", "legal", "contractual", "reputational", "operational"];

    [Doc("Points in time after a disruption at which impact is rated.")]
    public List<Duration> TimePoints { get; set; } = [Duration.FromHours(1), Duration.FromHours(4), Duration.FromDays(1), Duration.FromDays(3), Duration.FromDays(7), Duration.FromDays(14)];

    [Doc("The rating from which an impact is intolerable; the first time point reaching it suggests the MTPD.")]
    public ImpactRating IntolerableFrom { get; set; } = ImpactRating.Major;
}

public enum SiteType { Office, DataCentre, CloudRegion, CloudZone, Remote, Other }

[Doc("A place things run or people work: an office, a data centre, a cloud region or zone.")]
public sealed class SiteSpec : ElementSpec
{
    [Required]
    public SiteType Type { get; set; }

    [Doc("Cloud or facility provider (aws, gcp, equinix …).")]
    public string? Provider { get; set; }

    [Doc("Provider's region or zone code (eu-west-1).")]
    public string? Region { get; set; }

    [Doc("Street address or city.")]
    public string? Address { get; set; }

    [RefTo(ElementKind.Site), Doc("The site this one sits in (a zone in its region).")]
    public Reference? Within { get; set; }

    [RefTo(ElementKind.Vendor), Doc("The vendor that runs this site.")]
    public Reference? Vendor { get; set; }
}

[Doc("A team or department. Team-level plans hang off teams.")]
public sealed class TeamSpec : ElementSpec
{
    [RefTo(ElementKind.Team)]
    public Reference? Parent { get; set; }

    [RefTo(ElementKind.Person)]
    public Reference? Manager { get; set; }

    [RefTo(ElementKind.Person), Doc("The person who keeps this team's plan current.")]
    public Reference? ContinuityCoordinator { get; set; }
}

[Doc("A person with contact details. People confirm their own details every 12 months.")]
public sealed class PersonSpec : ElementSpec
{
    [Required, Doc("Work e-mail address.")]
    public string Email { get; set; } = "";

    public Phones Phones { get; set; } = new();

    [Doc("IANA time zone (Europe/Berlin).")]
    public string? TimeZone { get; set; }

    [RefTo(ElementKind.Site), Doc("Where the person usually works.")]
    public Reference? Location { get; set; }

    [RefTo(ElementKind.Team)]
    public Reference? Team { get; set; }

    [RefTo(ElementKind.Person)]
    public Reference? Manager { get; set; }

    [Doc("False for people who have left; they keep their history but hold no roles.")]
    public bool Active { get; set; } = true;

    [Doc("The day the person last confirmed these contact details.")]
    public DateOnly? ContactVerified { get; set; }
}

public sealed class Phones
{
    public string? Work { get; set; }

    public string? Mobile { get; set; }

    public string? Alternate { get; set; }
}

[Doc("A contingency role (incident commander, communications lead …) and who holds it, in succession order.")]
public sealed class RoleSpec : ElementSpec
{
    public List<string> Responsibilities { get; set; } = [];

    [Doc("Holders of this role may declare a disruption and activate the plan.")]
    public bool CanActivatePlan { get; set; }

    [Doc("Holders of this role may approve plans and recovery objectives.")]
    public bool CanApprovePlans { get; set; }

    [Doc("Who holds the role: organisation-wide, or per team.")]
    public List<RoleAssignment> Assignments { get; set; } = [];
}

public sealed class RoleAssignment
{
    [RefTo(ElementKind.Team), Doc("The team this assignment is for; omit for organisation-wide.")]
    public Reference? Team { get; set; }

    [RefTo(ElementKind.Person), Doc("People in succession order: primary first, then alternates. An assignment nobody holds yet is a finding (CT301).")]
    public List<Reference> Holders { get; set; } = [];

    [RefTo(ElementKind.System, ElementKind.BusinessFunction, ElementKind.Vendor, ElementKind.Site),
     Doc("What the holders are responsible to recover.")]
    public List<Reference> Recovers { get; set; } = [];
}

// ---------------------------------------------------------------- dependencies

public enum DependencyType { Required, Degraded }

[ScalarForm(nameof(On))]
[Doc("A dependency: a reference (required), or {on, type, note}, or {anyOf: [...]} for a redundancy group.")]
public sealed class DependencySpec
{
    [RefTo(ElementKind.System, ElementKind.Vendor, ElementKind.Site, ElementKind.BusinessFunction, ElementKind.Person, ElementKind.Role),
     Doc("What this element depends on.")]
    public Reference? On { get; set; }

    [RefTo(ElementKind.System, ElementKind.Vendor, ElementKind.Site, ElementKind.BusinessFunction, ElementKind.Person, ElementKind.Role),
     Doc("A redundancy group: this element needs any one of these.")]
    public List<Reference> AnyOf { get; set; } = [];

    [Doc("required: down while the dependency is down; degraded: runs at reduced capacity.")]
    public DependencyType Type { get; set; } = DependencyType.Required;

    public string? Note { get; set; }
}

// ---------------------------------------------------------------- business functions and BIA

[Doc("A business function (process or activity) with its business impact analysis and recovery objectives.")]
public sealed class BusinessFunctionSpec : ElementSpec
{
    [RefTo(ElementKind.Team), Doc("The team that owns the function.")]
    public Reference? Team { get; set; }

    [Range(1, 4), Doc("Criticality tier: 1 mission critical, 2 business critical, 3 business operational, 4 administrative.")]
    public int Tier { get; set; } = 3;

    [Doc("The services in scope (organisation.spec.services) that this function supports.")]
    public List<string> Supports { get; set; } = [];

    [Doc("Times of year when an outage hurts most (semester start, month end).")]
    public List<string> PeakPeriods { get; set; } = [];

    [Doc("Minimum acceptable capacity while recovering (for example 'enrolments for existing customers only').")]
    public string? MinimumCapacity { get; set; }

    public Workaround? Workaround { get; set; }

    [Doc("Maximum tolerable period of disruption, recovery time and recovery point objectives.")]
    public RecoveryObjectives? Objectives { get; set; }

    [Doc("Impact over time: category → time point → rating (1–5 or minimal, minor, moderate, major, severe).")]
    public Dictionary<string, Dictionary<Duration, ImpactRating>> Impact { get; set; } = [];

    [Doc("Estimated money lost by each time point, in the organisation's currency.")]
    public Dictionary<Duration, long> FinancialLoss { get; set; } = [];

    public List<DependencySpec> DependsOn { get; set; } = [];
}

public sealed class Workaround
{
    [Required]
    public string Description { get; set; } = "";

    [Doc("How long the business can run on the workaround.")]
    public Duration? SustainableFor { get; set; }
}

/// <summary>The classes of disruption that scenarios name and objectives may differ by. A fixed
/// list, so that a scenario's class and the objectives stated per class use the same words.</summary>
public enum Disruption
{
    /// <summary>One server, container or database instance fails; the rest of its zone runs on.</summary>
    Instance,

    /// <summary>A faulty release, configuration change or software bug (no attack): roll back or redeploy.</summary>
    Software,

    /// <summary>One availability zone (one data centre of a cloud region) is lost.</summary>
    Zone,

    /// <summary>A whole cloud region, every zone of it, is lost.</summary>
    Region,

    /// <summary>An office or a data centre of one's own is unusable (fire, flood, closure).</summary>
    Site,

    /// <summary>A supplier's service is down (a SaaS, a provider, a payment processor).</summary>
    Vendor,

    /// <summary>Ransomware, a compromise or data corruption: data is restored from clean backups.</summary>
    Cyber,

    /// <summary>Key people are unavailable (illness, travel, departure).</summary>
    People,
}

public sealed class RecoveryObjectives
{
    [Doc("Maximum tolerable period of disruption; at least one minute.")]
    public Duration? Mtpd { get; set; }

    [Range(0, Duration.MaxMinutes), Doc("Recovery time objective; 0m means automatic failover.")]
    public Duration? Rto { get; set; }

    [Range(0, Duration.MaxMinutes), Doc("Recovery point objective: how much data may be lost; 0m means none (synchronous replication).")]
    public Duration? Rpo { get; set; }

    [Doc("Management's recorded decision approving these values.")]
    public ObjectivesApproval? Approved { get; set; }

    [RecordedByContinuity, Doc("The approval signed in Continuity (read-only): export writes it, import never changes it, forms do not offer it.")]
    public SignedObjectives? Signed { get; set; }

    [Doc("RTO and RPO per class of disruption (instance, software, zone, region, site, vendor, cyber, people) where they differ from the plain ones; a class not listed has the plain RTO and RPO.")]
    public Dictionary<Disruption, DisruptionObjectives> ByDisruption { get; set; } = [];
}

[Doc("The recovery objectives for one class of disruption; a value left out is the plain one.")]
public sealed class DisruptionObjectives
{
    [Range(0, Duration.MaxMinutes), Doc("Recovery time objective in a disruption of this class.")]
    public Duration? Rto { get; set; }

    [Range(0, Duration.MaxMinutes), Doc("Recovery point objective in a disruption of this class.")]
    public Duration? Rpo { get; set; }
}

[Doc("A management decision approving recovery objectives. It records the values approved; if the objectives change, they are unapproved until approved again.")]
public sealed class ObjectivesApproval
{
    [Required, RefTo(ElementKind.Person)]
    public Reference? By { get; set; }

    [Required]
    public DateOnly? On { get; set; }

    public Duration? Mtpd { get; set; }

    [Range(0, Duration.MaxMinutes)]
    public Duration? Rto { get; set; }

    [Range(0, Duration.MaxMinutes)]
    public Duration? Rpo { get; set; }

    public string? Note { get; set; }
}

[Doc("Recovery objectives approved by an approver signed in to Continuity, with their password re-entered: who, when and the values approved. Continuity writes this record; a file cannot create or change it.")]
public sealed class SignedObjectives
{
    [Doc("The approver's sign-in e-mail address.")]
    public string? By { get; set; }

    public DateOnly? On { get; set; }

    public Duration? Mtpd { get; set; }

    [Range(0, Duration.MaxMinutes)]
    public Duration? Rto { get; set; }

    [Range(0, Duration.MaxMinutes)]
    public Duration? Rpo { get; set; }
}

// ---------------------------------------------------------------- systems, vendors

public enum SystemType { Application, Service, Database, DataStore, Infrastructure, Network, Saas, Facility, EndUser }

public enum DataClassification { Public, Internal, Confidential, Restricted }

public enum Confidence { Low, Medium, High }

[Doc("A system, data store, SaaS service, piece of infrastructure or facility.")]
public sealed class SystemSpec : ElementSpec
{
    [Required]
    public SystemType Type { get; set; }

    [RefTo(ElementKind.Team), Doc("The team that runs and recovers the system.")]
    public Reference? Team { get; set; }

    [RefTo(ElementKind.Person)]
    public Reference? BusinessOwner { get; set; }

    [RefTo(ElementKind.Person)]
    public Reference? TechnicalOwner { get; set; }

    [RefTo(ElementKind.Vendor), Doc("The vendor that provides the system, if any.")]
    public Reference? Vendor { get; set; }

    public Hosting? Hosting { get; set; }

    public DataClassification? DataClassification { get; set; }

    [Range(1, 4), Doc("Criticality tier, as for business functions.")]
    public int Tier { get; set; } = 3;

    [Doc("Recovery objectives of the system itself.")]
    public SystemObjectives? Objectives { get; set; }

    [Doc("How long a restore takes.")]
    public RestoreEstimate? Restore { get; set; }

    [Range(0, Duration.MaxMinutes), Doc("Replication lag of the data (adds to the recovery point); 0m for synchronous replication.")]
    public Duration? ReplicationLag { get; set; }

    public List<DependencySpec> DependsOn { get; set; } = [];
}

public sealed class Hosting
{
    [Doc("Hosting provider (aws, gcp, self, vendor …).")]
    public string? Provider { get; set; }

    [RefTo(ElementKind.Site), Doc("Sites (regions, data centres, offices) the system runs in. More than one means it survives the loss of all but one.")]
    public List<Reference> Sites { get; set; } = [];

    [RefTo(ElementKind.Site), Doc("Sites the system can be restored into when every site it runs in is lost: its restore then starts at once if one of them is up, instead of waiting for a hosting site to come back.")]
    public List<Reference> RecoverySites { get; set; } = [];

    [Doc("Availability zones within the sites.")]
    public List<string> Zones { get; set; } = [];
}

public sealed class SystemObjectives
{
    [Range(0, Duration.MaxMinutes)]
    public Duration? Rto { get; set; }

    [Range(0, Duration.MaxMinutes)]
    public Duration? Rpo { get; set; }

    [Range(0, Duration.MaxMinutes), Doc("RTO per class of disruption (instance, software, zone, region, site, vendor, cyber, people) where they differ.")]
    public Dictionary<Disruption, Duration> RtoByDisruption { get; set; } = [];
}

public sealed class RestoreEstimate
{
    [Range(0, Duration.MaxMinutes), Doc("Estimated time to restore the system from scratch; 0m when it fails over by itself.")]
    public Duration? Estimated { get; set; }

    [Range(0, Duration.MaxMinutes), Doc("Time measured in the last restore test (evidence later overrides it).")]
    public Duration? Measured { get; set; }

    public Confidence? Confidence { get; set; }

    [Doc("The vendor restores the system (a SaaS): its restore time is the vendor's contractualRto. Needs spec.vendor; excludes estimated and measured.")]
    public bool ByVendor { get; set; }
}

[Doc("A vendor (supplier) with its contract, SLA, emergency contacts and own continuity evidence.")]
public sealed class VendorSpec : ElementSpec
{
    [Doc("What the vendor provides.")]
    public List<string> Services { get; set; } = [];

    public Contract? Contract { get; set; }

    [Doc("The service level promised (for example '99.95% monthly').")]
    public string? Sla { get; set; }

    [Range(0, Duration.MaxMinutes), Doc("Contractual recovery time: how soon the vendor must restore service.")]
    public Duration? ContractualRto { get; set; }

    [Doc("Contractual time to first response on a critical ticket.")]
    public Duration? ContractualResponse { get; set; }

    public List<Contact> EmergencyContacts { get; set; } = [];

    [Doc("Escalation path, in order.")]
    public List<string> Escalation { get; set; } = [];

    public string? StatusPage { get; set; }

    [Doc("The vendor's own business continuity plan.")]
    public VendorContinuity? Continuity { get; set; }

    [RefTo(ElementKind.Vendor), Doc("A vendor that could take over.")]
    public Reference? Alternate { get; set; }

    public string? ExitStrategy { get; set; }

    [Doc("How to verify that the vendor's service is restored.")]
    public string? RestorationCheck { get; set; }

    public List<DependencySpec> DependsOn { get; set; } = [];
}

public sealed class Contract
{
    public string? Number { get; set; }

    public DateOnly? Expires { get; set; }
}

public sealed class Contact
{
    [Required]
    public string Name { get; set; } = "";

    public string? Role { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    [Doc("When to use this contact (24x7, business hours …).")]
    public string? Hours { get; set; }
}

public sealed class VendorContinuity
{
    [Doc("Whether the vendor has its own business continuity plan.")]
    public bool HasPlan { get; set; }

    [Doc("When evidence of it (a SOC 2 report, a certificate) was last seen.")]
    public DateOnly? EvidenceSeen { get; set; }

    public string? Evidence { get; set; }
}

// ---------------------------------------------------------------- risks and scenarios

public enum ThreatCategory { Natural, Technical, Cyber, Human, Supplier, Pandemic, Facility, Other }

public enum RiskTreatment { Accept, Mitigate, Transfer, Avoid }

[Doc("A risk to the business: threat, what it affects, likelihood and impact, treatment.")]
public sealed class RiskSpec : ElementSpec
{
    [Required]
    public ThreatCategory Threat { get; set; }

    [RefTo(ElementKind.BusinessFunction, ElementKind.System, ElementKind.Vendor, ElementKind.Site, ElementKind.Person)]
    public List<Reference> Affects { get; set; } = [];

    [Range(1, 5), Doc("Inherent likelihood, 1 rare … 5 almost certain.")]
    public int Likelihood { get; set; } = 1;

    [Range(1, 5), Doc("Inherent impact, 1 minimal … 5 severe.")]
    public int Impact { get; set; } = 1;

    [Doc("Likelihood and impact after treatment.")]
    public RiskRating? Residual { get; set; }

    public RiskTreatment Treatment { get; set; } = RiskTreatment.Mitigate;

    [Doc("What is done about it.")]
    public string? TreatmentPlan { get; set; }

    [Doc("When the risk must next be reviewed.")]
    public DateOnly? ReviewBy { get; set; }
}

public sealed class RiskRating
{
    [Range(1, 5)]
    public int Likelihood { get; set; } = 1;

    [Range(1, 5)]
    public int Impact { get; set; } = 1;
}

[Doc("One of the most likely disasters, with its activation criteria and what it takes down.")]
public sealed class ScenarioSpec : ElementSpec
{
    [Doc("The class of disruption (instance, software, zone, region, site, vendor, cyber, people): which per-class objectives (objectives.byDisruption) apply in this scenario.")]
    public Disruption? Disruption { get; set; }

    [RefTo(ElementKind.Risk)]
    public List<Reference> Risks { get; set; } = [];

    [Doc("When to activate the plan for this scenario.")]
    public List<string> ActivationCriteria { get; set; } = [];

    [RefTo(ElementKind.Site, ElementKind.System, ElementKind.Vendor, ElementKind.Person, ElementKind.Role, ElementKind.BusinessFunction),
     Doc("The elements that fail in this scenario.")]
    public List<Reference> Fails { get; set; } = [];

    [Range(1, 5), Doc("1 highest … 5 lowest.")]
    public int Priority { get; set; } = 3;
}

// ---------------------------------------------------------------- procedures and communication

public enum ProcedurePhase { Activation, Assessment, Recovery, Reconstitution, StandDown }

[Doc("A procedure (runbook) for one or more scenarios. Every step names the role responsible (CT307).")]
public sealed class ProcedureSpec : ElementSpec
{
    [RefTo(ElementKind.Scenario)]
    public List<Reference> Scenarios { get; set; } = [];

    [RefTo(ElementKind.BusinessFunction), Doc("The business functions this procedure recovers in its scenarios; a critical function a scenario takes down needs a procedure that lists it (CT110, CT112).")]
    public List<Reference> Recovers { get; set; } = [];

    [RefTo(ElementKind.Team)]
    public Reference? Team { get; set; }

    [Doc("The steps, in order. A procedure without steps is a finding (CT111).")]
    public List<ProcedureStep> Steps { get; set; } = [];
}

public sealed class ProcedureStep
{
    [Required, Slug, Doc("Id of the step within the procedure.")]
    public string Id { get; set; } = "";

    [Required]
    public string Title { get; set; } = "";

    public ProcedurePhase Phase { get; set; } = ProcedurePhase.Recovery;

    [Doc("Ids of steps that must finish first.")]
    public List<string> After { get; set; } = [];

    [Doc("What to do (Markdown).")]
    public string? Instructions { get; set; }

    [RefTo(ElementKind.Role), Doc("The role that does the step. A step without one is a finding (CT307).")]
    public Reference? Responsible { get; set; }

    [RefTo(ElementKind.Role)]
    public Reference? Backup { get; set; }

    public Duration? ExpectedDuration { get; set; }

    [Doc("Escalate to the backup role when the step has not finished by then.")]
    public Duration? EscalateAfter { get; set; }

    [Doc("Who informs whom at this step.")]
    public List<StepCommunication> Communicate { get; set; } = [];

    [RefTo(ElementKind.Vendor), Doc("A vendor to call at this step.")]
    public Reference? Vendor { get; set; }

    [Doc("How to know the step succeeded.")]
    public string? Verification { get; set; }
}

public sealed class StepCommunication
{
    [Required, RefTo(ElementKind.Role)]
    public Reference? From { get; set; }

    [Required, Doc("The audience (communication plan audience name) or role informed.")]
    public string To { get; set; } = "";

    public string? Channel { get; set; }

    [Doc("Name of a message template of the communication plan.")]
    public string? Template { get; set; }
}

[Doc("The communication plan: audiences, channels, message templates and call trees.")]
public sealed class CommunicationPlanSpec : ElementSpec
{
    public List<Audience> Audiences { get; set; } = [];

    public List<Channel> Channels { get; set; } = [];

    public List<MessageTemplate> Templates { get; set; } = [];

    public List<CallTree> CallTrees { get; set; } = [];
}

public enum AudienceType { Staff, Customers, Vendors, Regulators, Media, Management, Other }

public sealed class Audience
{
    [Required, Slug]
    public string Name { get; set; } = "";

    public AudienceType Type { get; set; } = AudienceType.Other;

    public string? Description { get; set; }

    [Doc("Channel names used to reach this audience, in order of preference.")]
    public List<string> Channels { get; set; } = [];

    [Doc("How often to update this audience during a disruption.")]
    public Duration? UpdateEvery { get; set; }

    [RefTo(ElementKind.Role), Doc("The role that releases messages to this audience.")]
    public Reference? ReleasedBy { get; set; }
}

public enum ChannelType { Email, Sms, Phone, Chat, StatusPage, Website, Social, InPerson, Other }

public sealed class Channel
{
    [Required, Slug]
    public string Name { get; set; } = "";

    public ChannelType Type { get; set; } = ChannelType.Other;

    public string? Description { get; set; }

    [Doc("What to use when this channel is down too.")]
    public string? Fallback { get; set; }
}

public sealed class MessageTemplate
{
    [Required, Slug]
    public string Name { get; set; } = "";

    public string? Audience { get; set; }

    public string? Channel { get; set; }

    public string? Subject { get; set; }

    [Required, Doc("The message; {placeholders} are filled in when it is sent.")]
    public string Body { get; set; } = "";
}

public enum CallHours { Any, BusinessHours, AfterHours }

[Doc("A call tree: who calls whom, in order, and what to do when someone cannot be reached.")]
public sealed class CallTree
{
    [Required, Slug]
    public string Name { get; set; } = "";

    public string? Title { get; set; }

    public CallHours Hours { get; set; } = CallHours.Any;

    [Doc("Wait this long for an answer before calling the next person in line.")]
    public Duration? EscalateAfter { get; set; }

    [Doc("What to do when someone cannot be reached.")]
    public string? IfUnreachable { get; set; }

    [Required, Doc("The first caller and, under them, whom they call.")]
    public CallTreeNode? Root { get; set; }
}

public sealed class CallTreeNode
{
    [Required, RefTo(ElementKind.Person, ElementKind.Role)]
    public Reference? Contact { get; set; }

    public List<CallTreeNode> Calls { get; set; } = [];
}

// ---------------------------------------------------------------- backups

public enum BackupMethod { Full, Incremental, Differential, Snapshot, Continuous, Replication }

[Doc("How a system's data is backed up, where the copies are kept and how restores are validated.")]
public sealed class BackupPolicySpec : ElementSpec
{
    [Required, RefTo(ElementKind.System)]
    public Reference? System { get; set; }

    [Required]
    public BackupMethod Method { get; set; }

    [Range(0, Duration.MaxMinutes),
     Doc("How often a backup runs (continuous: the archive interval; 0m only for continuous backups and replication that copy every write). Without it the recovery point is unknown (CT407).")]
    public Duration? Frequency { get; set; }

    public Duration? Retention { get; set; }

    public bool Encrypted { get; set; }

    [Doc("Where the backups are kept.")]
    public BackupStorage? Storage { get; set; }

    [Doc("A copy kept in an alternate location (BU.1.03).")]
    public BackupStorage? Offsite { get; set; }

    [Doc("The additional full local backup the plan requires on all servers and data.")]
    public LocalFullBackup? LocalFullBackup { get; set; }

    [Doc("How backups are monitored (alerts, dashboards).")]
    public string? Monitoring { get; set; }

    public RestoreValidation? RestoreValidation { get; set; }

    [Doc("The backup tool, for ingesting its evidence (restic, pgbackrest, velero, aws-backup).")]
    public string? Tool { get; set; }
}

public sealed class BackupStorage
{
    [RefTo(ElementKind.Site)]
    public Reference? Site { get; set; }

    [Doc("Bucket, vault or path.")]
    public string? Location { get; set; }
}

public sealed class LocalFullBackup
{
    [Required]
    public Duration? Frequency { get; set; }

    public string? Location { get; set; }
}

public sealed class RestoreValidation
{
    [Required, Doc("How a restore is proven (row counts, checksums, application test).")]
    public string Method { get; set; } = "";

    [Required]
    public Duration? Frequency { get; set; }
}
