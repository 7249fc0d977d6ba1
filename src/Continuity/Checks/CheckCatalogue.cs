using Continuity.PlanFiles;

namespace Continuity.Checks;

/// <summary>Every plan check, with a stable id grouped by area: CT1xx recovery objectives and the
/// business impact analysis, CT2xx the dependency chain, CT3xx people and roles, CT4xx backups,
/// CT5xx vendors, sites and single points of failure, CT6xx governance. Ids never change meaning;
/// a retired rule keeps its id unused. Severities: an error is a plan that demonstrably cannot
/// deliver what it promises or misses a control requirement (approving it needs a waiver); a
/// warning is a gap the analysis cannot prove harmful but that should be closed; info is context
/// and evidence that does not exist yet.</summary>
public static class CheckCatalogue
{
    private const string Bia = "BC.1.04";
    private const string Plan = "BC.1.01";
    private const string Roles = "BC.1.02";
    private const string Testing = "BC.1.03";

    // ------------------------------------------------------------ CT1xx recovery objectives and BIA

    public static Check FunctionWithoutOwner { get; } = new("CT101", "Critical function has no owner", Severity.Error,
        "Someone must be accountable for the function's impact analysis, objectives and recovery; without an owner nobody validates the BIA or answers for it.",
        "Set metadata.owner of the function to the person accountable for it.")
    { Controls = [Bia, Plan] };

    public static Check FunctionWithoutTeam { get; } = new("CT102", "Critical function has no owning team", Severity.Warning,
        "The plan is a collection of team-level plans; a function without a team is in nobody's team plan, so nobody reviews its procedures and contacts.",
        "Set spec.team of the function to the team that runs it.")
    { Controls = [Plan] };

    public static Check FunctionWithoutObjectives { get; } = new("CT103", "Critical function lacks MTPD, RTO or RPO", Severity.Error,
        "Recovery objectives are the yardstick of the whole plan: without an MTPD, RTO and RPO nothing can be checked against the dependency chain or the backups.",
        "Set spec.objectives.mtpd, rto and rpo from the business impact analysis and have them approved.")
    { Controls = [Bia] };

    public static Check ObjectivesNotApproved { get; } = new("CT104", "Recovery objectives are not approved by management", Severity.Error,
        "BC.1.04 requires recovery objectives approved by senior management as a recorded decision; proposed values are only the team's wish.",
        "Have an approver sign the objectives in Continuity (Business functions › Approve recovery objectives), or, for plan files alone, record the decision in spec.objectives.approved (by, on, and the approved mtpd, rto, rpo).")
    { Controls = [Bia] };

    public static Check ObjectivesChangedSinceApproval { get; } = new("CT105", "Recovery objectives changed since they were approved", Severity.Error,
        "A changed MTPD, RTO or RPO is a promise nobody with authority accepted; the plan states objectives that are unapproved until approved again.",
        "Have an approver sign the current values in Continuity (or, for plan files alone, a new spec.objectives.approved with today's date), or revert to the approved values.")
    { Controls = [Bia] };

    public static Check ApproverCannotApprove { get; } = new("CT106", "Objectives approved by someone who does not hold an approving role", Severity.Warning,
        "An approval is only evidence if the approver has the authority: the plan names who may approve plans and objectives through roles that can approve plans.",
        "Have a holder of a role with canApprovePlans approve the objectives, or give the approver such a role.")
    { Controls = [Bia] };

    public static Check IncompleteBia { get; } = new("CT107", "Critical function's impact analysis is incomplete", Severity.Error,
        "The impact over time, rated for every category at every time point, is what justifies the MTPD and RTO (BC.1.04); a gap in the grid leaves them unsupported.",
        "Rate every impact category of organisation.spec.impact at every time point in spec.impact.")
    { Controls = [Bia] };

    public static Check RtoNotShorterThanMtpd { get; } = new("CT108", "RTO is not shorter than the MTPD", Severity.Error,
        "The MTPD is when the business can no longer survive the disruption; an RTO at or beyond it means recovery is planned to finish after the damage is done.",
        "Lower the RTO below the MTPD (and make the chain meet it), or revisit the MTPD in the impact analysis.")
    { Controls = [Bia] };

    public static Check MtpdBeyondBia { get; } = new("CT109", "MTPD is longer than the impact analysis tolerates", Severity.Warning,
        "The first time point where any category becomes intolerable suggests the MTPD; a longer MTPD claims a tolerance the impact analysis contradicts.",
        "Shorten the MTPD to the first intolerable time point of the impact grid, or correct the ratings.")
    { Controls = [Bia] };

    public static Check ScenarioWithoutProcedure { get; } = new("CT110", "No procedure for a scenario that takes the function down", Severity.Error,
        "When one of the most likely disasters takes a critical function down and no procedure exists for it, the people who must act have no runbook (BC.1.01, step 5).",
        "Write a procedure for the scenario (spec.scenarios of a Procedure) with a responsible role at every step.")
    { Controls = [Plan] };

    public static Check ProcedureWithoutSteps { get; } = new("CT111", "Procedure has no steps", Severity.Error,
        "A procedure without steps is a runbook nobody can follow: the scenarios it names count as covered (CT110), yet the people who must act find nothing to do.",
        "Write the steps in spec.steps of the procedure, each with a responsible role.")
    { Controls = [Plan] };

    public static Check ScenarioFunctionNotRecovered { get; } = new("CT112", "No procedure for the scenario recovers the function", Severity.Warning,
        "The scenario has runbooks, but none of them says it recovers this critical function: the people who follow them may restore everything else and leave it down (BC.1.01, step 5).",
        "Add the function to spec.recovers of the procedure for the scenario that recovers it, or extend a procedure with the steps that do.")
    { Controls = [Plan] };

    public static Check ScenarioRtoBreached { get; } = new("CT113", "RTO is missed in a scenario", Severity.Error,
        "In one of the most likely disasters the function cannot be back within the RTO stated for that class of disruption (or its plain RTO): the plan promises a recovery its own dependencies rule out.",
        "Shorten the path back in this scenario (a faster restore, a recovery site, redundancy), or have management approve a realistic RTO for the class in spec.objectives.byDisruption.")
    { Controls = [Bia, Plan] };

    public static Check ScenarioRtoAtRisk { get; } = new("CT114", "RTO in a scenario depends on when an open-ended outage ends", Severity.Warning,
        "In the scenario the function waits for something with no known end (a region, an office, a person, a vendor without a contractual RTO): it meets its RTO only if that outage is short, which nobody controls.",
        "Give the function a way back that does not wait for the outage (a recovery site, a redundancy group), or record how long the outage may last.")
    { Controls = [Bia, Plan] };

    public static Check ScenarioRpoMissed { get; } = new("CT115", "RPO for a class of disruption is missed", Severity.Error,
        "A scenario of this class takes the function down, and it can lose more data than the recovery point objective stated for the class: the backups and replication it requires do not support what management was promised for such a disaster.",
        "Back the data up (or replicate it) often enough for the class's RPO, or have management approve a realistic RPO for the class in spec.objectives.byDisruption.")
    { Controls = [Bia, Plan] };

    // ------------------------------------------------------------ CT2xx dependency chain

    public static Check RtoNotAchievable { get; } = new("CT201", "Approved RTO is not achievable through the dependency chain", Severity.Error,
        "Even with every restore running in parallel, the function cannot be back within its RTO in the worst case: the chain it requires takes longer to restore than the RTO allows.",
        "Shorten the critical path (faster restore, a redundant alternative, a warm standby), or have management approve an achievable RTO that is still below the MTPD.")
    { Controls = [Bia, Plan] };

    public static Check RpoNotAchievable { get; } = new("CT202", "RPO is not achievable from the data the function depends on", Severity.Error,
        "The function can lose as much data as the worst recovery point among the data stores it requires (backup interval plus replication lag); more than its RPO breaks the promise.",
        "Back up the responsible data store more often (or replicate it), or have management approve a realistic RPO.")
    { Controls = [Bia, "BU.1.01"] };

    public static Check DependencyRtoLonger { get; } = new("CT203", "A required dependency has a longer RTO than what requires it", Severity.Error,
        "An element cannot be back before what it requires: a dependency allowed to take longer than its dependent makes the dependent's RTO unattainable by design.",
        "Tighten the dependency's RTO to at most its dependent's, or relax the dependent's RTO, or make the dependency redundant.")
    { Controls = [Bia, Plan] };

    public static Check VendorRtoLonger { get; } = new("CT204", "Vendor's contractual RTO is longer than the RTO of what depends on it", Severity.Error,
        "The contract allows the vendor to stay down longer than the business tolerates; only a workaround stands between its outage and a missed RTO.",
        "Negotiate a contractual RTO at most the dependents' RTO, add an alternative (a redundancy group), or relax the dependents' RTO with management approval.")
    { Controls = [Bia, Plan] };

    public static Check NoRestoreEstimate { get; } = new("CT205", "System in a critical chain has no restore estimate", Severity.Warning,
        "Without an estimate the analysis counts the system's restore as instant, so every achievable RTO through it is optimistic.",
        "Set spec.restore.estimated (and, once tested, restore.measured) of the system.")
    { Controls = [Bia, "BU.1.02"] };

    public static Check DependencyLoop { get; } = new("CT206", "Dependency loop", Severity.Error,
        "Elements that require each other in a loop can never be recovered in order: each waits for the next. One of the dependencies is almost always wrong.",
        "Break the loop: remove the wrong dependency or make it degraded.")
    { Controls = [Plan] };

    public static Check Orphan { get; } = new("CT207", "Element supports no business function", Severity.Info,
        "A system, vendor or site that no function needs, directly or through other elements, is either missing a dependency or no longer needed in the plan.",
        "Add the dependency from the function that needs it, or remove the element from the plan.")
    { Controls = [Plan] };

    public static Check DanglingReference { get; } = new("CT208", "Reference to an element that is not in the plan", Severity.Error,
        "A dependency, vendor, site or holder that does not exist leaves a hole in the chain; the analysis ignores it, so results are optimistic.",
        "Add the missing element or correct the reference.")
    { Controls = [Plan] };

    // ------------------------------------------------------------ CT3xx people and roles

    public static Check RoleWithoutHolder { get; } = new("CT301", "Role has no active holder", Severity.Error,
        "A contingency role nobody holds is a task nobody will do in a disruption (BC.1.02: roles assigned to named individuals).",
        "Assign a primary and at least one alternate active person to the role.")
    { Controls = [Roles] };

    public static Check RoleWithSingleHolder { get; } = new("CT302", "Role has a single holder", Severity.Error,
        "A role with one person is a key-person single point of failure: illness, leave or a departure leaves it empty (BC.1.02: alternates and succession).",
        "Cross-train a second person and add them as first alternate in the role's holders.")
    { Controls = [Roles] };

    public static Check SoleHolderOfSeveralRoles { get; } = new("CT303", "Person is the only holder of several critical roles", Severity.Warning,
        "One absence then leaves several critical roles empty at once, and nobody can be in two places during a disruption.",
        "Give each of these roles an alternate, and spread primaries over several people.")
    { Controls = [Roles] };

    public static Check InactiveHolder { get; } = new("CT304", "Person who has left still holds a role", Severity.Warning,
        "The succession lists someone who cannot be called on; the people who remain may be fewer than it looks.",
        "Remove the person from the role's holders and name an active replacement.")
    { Controls = [Roles] };

    public static Check StepWithoutAlternate { get; } = new("CT305", "Procedure step has no alternate person", Severity.Error,
        "Every step must be doable when its first person is unavailable: the responsible role and the backup role together need at least two active people.",
        "Add an alternate holder to the responsible role, or name a backup role held by someone else.")
    { Controls = [Roles, Plan] };

    public static Check ContactNotVerified { get; } = new("CT306", "Contact details not verified in the last 12 months", Severity.Warning,
        "Stale phone numbers and addresses fail exactly when the call tree is needed; people confirm their own details every 12 months (BC.1.02).",
        "Ask the person to confirm their contact details and record the date in spec.contactVerified.")
    { Controls = [Roles] };

    public static Check StepWithoutResponsibleRole { get; } = new("CT307", "Procedure step has no responsible role", Severity.Error,
        "A step nobody is responsible for is a step nobody does: in a disruption everyone assumes someone else has it (BC.1.02: roles assigned for every task of the plan).",
        "Set spec.steps[].responsible to the role that does the step, and a backup role held by someone else.")
    { Controls = [Roles, Plan] };

    public static Check PrimaryOfSeveralRoles { get; } = new("CT308", "Person is the primary of several critical roles", Severity.Warning,
        "In a disruption every role calls its primary first: one person first in line for several critical roles cannot fill them all at once, and their absence hands all of them to alternates at the same moment (BC.1.02: alternates and succession).",
        "Make someone else the primary of all but one of these roles, keeping this person as an alternate.")
    { Controls = [Roles] };

    public static Check OnlyReachableHolder { get; } = new("CT309", "Person is the only reachable holder of a critical role", Severity.Warning,
        "An alternate whose contact details nobody has confirmed may not answer the call; when only one holder of a critical role is known to be reachable, the role has a single point of failure in practice (BC.1.02: contact information kept current).",
        "Ask the other holders to confirm their contact details and record the date in their spec.contactVerified, or add an alternate whose details are current.")
    { Controls = [Roles] };

    // ------------------------------------------------------------ CT4xx backups

    public static Check NoBackupPolicy { get; } = new("CT401", "Critical data has no backup policy", Severity.Error,
        "A critical database or data store without backups cannot be recovered after corruption, deletion or ransomware (BU.1.01: backups configured per system).",
        "Add a BackupPolicy for the system with method, frequency, storage, offsite copy and restore validation.")
    { Controls = ["BU.1.01"] };

    public static Check NoOffsiteCopy { get; } = new("CT402", "Backups have no offsite copy", Severity.Error,
        "Backups kept only where the data lives are lost with the site, the account or an attacker's reach (BU.1.03: alternate storage).",
        "Copy the backups to another site (a different region or account, ideally immutable) and record it in spec.offsite.")
    { Controls = ["BU.1.03"] };

    public static Check NoLocalFullBackup { get; } = new("CT403", "No additional full local backup", Severity.Warning,
        "The plan asks for an additional full local backup of all servers and data, so that a restore does not depend on a chain of increments or on a remote copy alone.",
        "Add spec.localFullBackup (frequency and location) to the backup policy.")
    { Controls = [Plan, "BU.1.01"] };

    public static Check RestoreNeverTested { get; } = new("CT404", "Restore never tested", Severity.Error,
        "Without a measured restore or a restore validation there is no evidence that the data can be restored at all, nor how long it takes; the RTOs that rely on the estimate are guesses (BU.1.02).",
        "Add a restoreValidation to the backup policy, run it, and record the measured restore time in the system's restore.measured.")
    { Controls = ["BU.1.02"] };

    public static Check NoRestoreValidation { get; } = new("CT405", "No regular restore validation", Severity.Warning,
        "A restore measured once says little about the backups taken since; BU.1.02 asks for restore tests on a fixed cadence.",
        "Add spec.restoreValidation (method and frequency, at least quarterly) to the backup policy.")
    { Controls = ["BU.1.02"] };

    public static Check BackupsNotMonitored { get; } = new("CT406", "Backups are not monitored", Severity.Warning,
        "Backups fail silently; without monitoring, a broken backup job is found on the day of the restore (BU.1.01: backups monitored).",
        "Describe in spec.monitoring how failed or missing backups raise an alert, and set it up.")
    { Controls = ["BU.1.01"] };

    public static Check BackupWithoutFrequency { get; } = new("CT407", "Backup policy states no frequency", Severity.Warning,
        "Without a frequency the recovery point of the data is unknown, so the analysis cannot hold the RPOs that rely on these backups against it (CT202 passes them optimistically).",
        "Set spec.frequency of the backup policy: how often a backup runs (for continuous backups the archive interval, 0m for replication that copies every write).")
    { Controls = ["BU.1.01", Bia] };

    // ------------------------------------------------------------ CT5xx vendors, sites, single points of failure

    public static Check VendorWithoutEmergencyContact { get; } = new("CT501", "Vendor of a critical system has no emergency contact", Severity.Error,
        "During the vendor's outage there is nobody to call: the vendor communication plan and the runbooks that call the vendor cannot be followed.",
        "Record at least one emergency contact with a phone or e-mail in spec.emergencyContacts (and the escalation path).")
    { Controls = [Plan] };

    public static Check VendorWithoutContractualRto { get; } = new("CT502", "Vendor of a critical system has no contractual RTO", Severity.Warning,
        "Nothing says when the vendor must restore service, so the analysis cannot tell whether the functions that need it meet their RTO.",
        "Record the contractual recovery time in spec.contractualRto, or design around the vendor (a redundancy group) and waive the check with a reason.")
    { Controls = [Plan, Bia] };

    public static Check Concentration { get; } = new("CT503", "Vendor or site concentration", Severity.Warning,
        "When one vendor or site alone takes down a large share of the critical functions, a single outage becomes a business-wide disruption.",
        "Spread the critical functions over alternatives (a second region, provider or site), or accept the concentration as a risk and waive the check.")
    { Controls = [Plan] };

    public static Check SinglePointOfFailure { get; } = new("CT504", "Single point of failure misses the RTO", Severity.Error,
        "The element's failure alone takes a critical function down, and restoring it takes longer than the function's RTO.",
        "Add redundancy (a second member in an anyOf group), or make the element's restore faster than the function's RTO.")
    { Controls = [Plan, Bia] };

    public static Check SinglePointOfFailureUnknownRecovery { get; } = new("CT505", "Single point of failure with no known recovery time", Severity.Warning,
        "The element's failure alone takes a critical function down, and nothing says when it is back (a site, a person, or a system or vendor without a restore estimate), so meeting the RTO is luck.",
        "Add redundancy so that the function survives the element's loss, or record its recovery time (restore estimate, contractual RTO).")
    { Controls = [Plan, Bia] };

    public static Check CommonModeFailure { get; } = new("CT506", "Redundancy defeated by a common-mode failure", Severity.Warning,
        "A redundancy group protects a function only while its members fail independently; when one element (a shared database, region or vendor) takes every member down, the alternatives fail together and the function goes down with them.",
        "Give the members of the group independent dependencies (another database, region or provider), or accept the shared dependency as a risk and waive the check for that element.")
    { Controls = [Plan] };

    // ------------------------------------------------------------ CT6xx governance

    public static Check PlanReviewOverdue { get; } = new("CT601", "Plan review overdue", Severity.Info,
        "BC.1.01 requires the plan to be reviewed, approved and communicated every review cycle; without evidence of a review within the interval the control is not met.",
        "Review the plan and record the review; until reviews are recorded, this check reports that there is no evidence yet.")
    { Controls = [Plan] };

    public static Check WaiverExpired { get; } = new("CT602", "Waiver expired", Severity.Warning,
        "An accepted exception ends on its expiry date; after it, the waived finding counts again until the gap is fixed or the waiver renewed.",
        "Fix the finding and remove the waiver, or renew it with a new expiry date and a current reason.")
    { Controls = [Plan] };

    public static Check WaiverForNothing { get; } = new("CT603", "Waiver for an unknown check or element", Severity.Warning,
        "A waiver that names a check id or element that does not exist waives nothing, and usually hides a typo in a waiver meant for something else.",
        "Correct the check id (see docs/checks.md) or the element (kind:name), or remove the waiver.")
    { Controls = [Plan] };

    public static Check WaiverUnused { get; } = new("CT604", "Waiver matches no finding", Severity.Info,
        "The gap the waiver accepted is closed (or the waiver never matched); keeping it would silently waive a future finding.",
        "Remove the waiver.")
    { Controls = [Plan] };

    public static Check NoExerciseEvidence { get; } = new("CT605", "No continuity exercise in the last 12 months", Severity.Info,
        "BC.1.03 requires the plan to be exercised at least once a year (a tabletop, a walkthrough or a live failover); a plan nobody has rehearsed fails in ways nobody has seen.",
        "Exercise the plan (for example a tabletop of the most likely scenario) and record it; until exercises are recorded, this check reports that there is no evidence yet.")
    { Controls = [Testing] };

    /// <summary>Every check, by id.</summary>
    public static IReadOnlyList<Check> All { get; } =
    [
        FunctionWithoutOwner, FunctionWithoutTeam, FunctionWithoutObjectives, ObjectivesNotApproved, ObjectivesChangedSinceApproval,
        ApproverCannotApprove, IncompleteBia, RtoNotShorterThanMtpd, MtpdBeyondBia, ScenarioWithoutProcedure, ProcedureWithoutSteps,
        ScenarioFunctionNotRecovered, ScenarioRtoBreached, ScenarioRtoAtRisk, ScenarioRpoMissed,
        RtoNotAchievable, RpoNotAchievable, DependencyRtoLonger, VendorRtoLonger, NoRestoreEstimate, DependencyLoop, Orphan, DanglingReference,
        RoleWithoutHolder, RoleWithSingleHolder, SoleHolderOfSeveralRoles, InactiveHolder, StepWithoutAlternate, ContactNotVerified, StepWithoutResponsibleRole,
        PrimaryOfSeveralRoles, OnlyReachableHolder,
        NoBackupPolicy, NoOffsiteCopy, NoLocalFullBackup, RestoreNeverTested, NoRestoreValidation, BackupsNotMonitored, BackupWithoutFrequency,
        VendorWithoutEmergencyContact, VendorWithoutContractualRto, Concentration, SinglePointOfFailure, SinglePointOfFailureUnknownRecovery, CommonModeFailure,
        PlanReviewOverdue, WaiverExpired, WaiverForNothing, WaiverUnused, NoExerciseEvidence,
    ];

    private static readonly Dictionary<string, Check> ById = All.ToDictionary(c => c.Id, StringComparer.Ordinal);

    /// <summary>The check with this id (CT101 …), or null.</summary>
    public static Check? Find(string id) => ById.GetValueOrDefault(id);
}
