using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Continuity.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddPlanVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "plan_versions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Scope = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Revision = table.Column<long>(type: "bigint", nullable: false),
                    Content = table.Column<string>(type: "text", nullable: false),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Elements = table.Column<int>(type: "integer", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    SubmittedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    StateChangedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_versions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_plan_versions_Scope_Number",
                table: "plan_versions",
                columns: new[] { "Scope", "Number" },
                unique: true);
            // ADR 010: what a version froze is written once; the database refuses to rewrite or delete it.
            migrationBuilder.Sql("""
                CREATE FUNCTION plan_versions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
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
            migrationBuilder.Sql("""
                CREATE TRIGGER plan_versions_frozen BEFORE UPDATE OR DELETE ON plan_versions
                FOR EACH ROW EXECUTE FUNCTION plan_versions_frozen();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS plan_versions_frozen ON plan_versions;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS plan_versions_frozen();");
            migrationBuilder.DropTable(
                name: "plan_versions");
        }
    }
}
