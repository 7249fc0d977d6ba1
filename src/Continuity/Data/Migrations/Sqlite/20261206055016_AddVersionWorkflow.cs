using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Continuity.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddVersionWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OpenErrors",
                table: "plan_versions",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.CreateTable(
                name: "app_settings",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ChangedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_app_settings", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "version_comments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VersionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Section = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_version_comments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_version_comments_plan_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "plan_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "version_reviewers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VersionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Reviewer = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    NamedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    NamedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Verdict = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    VerdictUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_version_reviewers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_version_reviewers_plan_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "plan_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "version_signoffs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VersionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Approver = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Statement = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Justification = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AuditSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    AuditHeadHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SignedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_version_signoffs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_version_signoffs_plan_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "plan_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_version_comments_VersionId",
                table: "version_comments",
                column: "VersionId");

            migrationBuilder.CreateIndex(
                name: "IX_version_reviewers_VersionId_Reviewer",
                table: "version_reviewers",
                columns: new[] { "VersionId", "Reviewer" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_version_signoffs_VersionId_Approver",
                table: "version_signoffs",
                columns: new[] { "VersionId", "Approver" },
                unique: true);

            // ADR 010: the open errors a version was submitted with are frozen like its content;
            // sign-offs and review comments are written once and never deleted.
            migrationBuilder.Sql("DROP TRIGGER plan_versions_frozen;");
            migrationBuilder.Sql("""
                CREATE TRIGGER plan_versions_frozen BEFORE UPDATE OF Scope, Number, Revision, Content, ContentHash, Elements, SubmittedBy, SubmittedUtc, Note, OpenErrors ON plan_versions
                BEGIN SELECT RAISE(ABORT, 'A plan version never changes: its content, hash and submission are frozen (ADR 010).'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER version_signoffs_frozen BEFORE UPDATE ON version_signoffs
                BEGIN SELECT RAISE(ABORT, 'A sign-off never changes (ADR 010).'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER version_signoffs_kept BEFORE DELETE ON version_signoffs
                BEGIN SELECT RAISE(ABORT, 'A sign-off is never deleted (ADR 010).'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER version_comments_frozen BEFORE UPDATE ON version_comments
                BEGIN SELECT RAISE(ABORT, 'A review comment never changes (ADR 010).'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER version_comments_kept BEFORE DELETE ON version_comments
                BEGIN SELECT RAISE(ABORT, 'A review comment is never deleted (ADR 010).'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[] { "version_comments_kept", "version_comments_frozen", "version_signoffs_kept", "version_signoffs_frozen", "plan_versions_frozen" })
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");
            }
            migrationBuilder.Sql("""
                CREATE TRIGGER plan_versions_frozen BEFORE UPDATE OF Scope, Number, Revision, Content, ContentHash, Elements, SubmittedBy, SubmittedUtc, Note ON plan_versions
                BEGIN SELECT RAISE(ABORT, 'A plan version never changes: its content, hash and submission are frozen (ADR 010).'); END;
                """);

            migrationBuilder.DropTable(
                name: "app_settings");

            migrationBuilder.DropTable(
                name: "version_comments");

            migrationBuilder.DropTable(
                name: "version_reviewers");

            migrationBuilder.DropTable(
                name: "version_signoffs");

            migrationBuilder.DropColumn(
                name: "OpenErrors",
                table: "plan_versions");
        }
    }
}
