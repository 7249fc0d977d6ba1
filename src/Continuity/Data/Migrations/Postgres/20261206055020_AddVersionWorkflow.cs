using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Continuity.Data.Migrations.Postgres
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
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.CreateTable(
                name: "app_settings",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ChangedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_app_settings", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "version_comments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VersionId = table.Column<long>(type: "bigint", nullable: false),
                    Author = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Section = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VersionId = table.Column<long>(type: "bigint", nullable: false),
                    Reviewer = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    NamedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    NamedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Verdict = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    VerdictUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VersionId = table.Column<long>(type: "bigint", nullable: false),
                    Approver = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Decision = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Statement = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Justification = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AuditSequence = table.Column<long>(type: "bigint", nullable: false),
                    AuditHeadHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Method = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SignedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION plan_versions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        RAISE EXCEPTION 'A plan version is never deleted (ADR 010).';
                    END IF;
                    IF NEW."Scope" IS DISTINCT FROM OLD."Scope" OR NEW."Number" IS DISTINCT FROM OLD."Number"
                        OR NEW."Revision" IS DISTINCT FROM OLD."Revision" OR NEW."Content" IS DISTINCT FROM OLD."Content"
                        OR NEW."ContentHash" IS DISTINCT FROM OLD."ContentHash" OR NEW."Elements" IS DISTINCT FROM OLD."Elements"
                        OR NEW."SubmittedBy" IS DISTINCT FROM OLD."SubmittedBy" OR NEW."SubmittedUtc" IS DISTINCT FROM OLD."SubmittedUtc"
                        OR NEW."Note" IS DISTINCT FROM OLD."Note" OR NEW."OpenErrors" IS DISTINCT FROM OLD."OpenErrors" THEN
                        RAISE EXCEPTION 'A plan version never changes: its content, hash and submission are frozen (ADR 010).';
                    END IF;
                    RETURN NEW;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION governance_record_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'A % is written once: never changed or deleted (ADR 010).', TG_ARGV[0];
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER version_signoffs_frozen BEFORE UPDATE OR DELETE ON version_signoffs
                FOR EACH ROW EXECUTE FUNCTION governance_record_frozen('sign-off');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER version_comments_frozen BEFORE UPDATE OR DELETE ON version_comments
                FOR EACH ROW EXECUTE FUNCTION governance_record_frozen('review comment');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS version_comments_frozen ON version_comments;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS version_signoffs_frozen ON version_signoffs;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS governance_record_frozen();");
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION plan_versions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        RAISE EXCEPTION 'A plan version is never deleted (ADR 010).';
                    END IF;
                    IF NEW."Scope" IS DISTINCT FROM OLD."Scope" OR NEW."Number" IS DISTINCT FROM OLD."Number"
                        OR NEW."Revision" IS DISTINCT FROM OLD."Revision" OR NEW."Content" IS DISTINCT FROM OLD."Content"
                        OR NEW."ContentHash" IS DISTINCT FROM OLD."ContentHash" OR NEW."Elements" IS DISTINCT FROM OLD."Elements"
                        OR NEW."SubmittedBy" IS DISTINCT FROM OLD."SubmittedBy" OR NEW."SubmittedUtc" IS DISTINCT FROM OLD."SubmittedUtc"
                        OR NEW."Note" IS DISTINCT FROM OLD."Note" THEN
                        RAISE EXCEPTION 'A plan version never changes: its content, hash and submission are frozen (ADR 010).';
                    END IF;
                    RETURN NEW;
                END $$;
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
