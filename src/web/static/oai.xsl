<?xml version="1.0" encoding="UTF-8"?>
<!--
  The OAI-PMH answers (/oai) as a page a person can read: a browser applies this stylesheet, named by the
  answer's xml-stylesheet instruction, as DSpace and EPrints do. Harvesters ignore it. The page it makes obeys
  the route's Content-Security-Policy: the site's stylesheet, no script, no inline style. Links are relative to
  /oai, so they hold wherever the library is mounted. Text from the answer is only ever copied as text.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:oai="http://www.openarchives.org/OAI/2.0/"
  xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  exclude-result-prefixes="oai oai_dc dc">

  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:variable name="verb" select="/oai:OAI-PMH/oai:request/@verb"/>

  <xsl:template match="/">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>OAI-PMH<xsl:if test="$verb"><xsl:text> </xsl:text><xsl:value-of select="$verb"/></xsl:if> — citegraph</title>
        <link rel="stylesheet" href="static/style.css"/>
        <link rel="icon" href="static/favicon.svg" type="image/svg+xml"/>
      </head>
      <body>
        <header class="site">
          <a class="brand" href="./">citegraph</a>
          <nav aria-label="OAI-PMH verbs">
            <a href="oai?verb=Identify">Identify</a>
            <a href="oai?verb=ListMetadataFormats">Formats</a>
            <a href="oai?verb=ListRecords&amp;metadataPrefix=oai_dc">Records</a>
            <a href="oai?verb=ListIdentifiers&amp;metadataPrefix=oai_dc">Identifiers</a>
          </nav>
        </header>
        <main id="main" class="help">
          <h1>OAI-PMH: <xsl:value-of select="$verb"/><xsl:if test="not($verb)">request</xsl:if></h1>
          <p class="meta">
            Answered <xsl:value-of select="/oai:OAI-PMH/oai:responseDate"/> at
            <code><xsl:value-of select="/oai:OAI-PMH/oai:request"/></code>.
            This page is this repository's OAI-PMH 2.0 answer, shown for people; harvesters read the XML.
          </p>
          <xsl:apply-templates select="/oai:OAI-PMH/oai:error"/>
          <xsl:apply-templates select="/oai:OAI-PMH/oai:Identify | /oai:OAI-PMH/oai:ListMetadataFormats
            | /oai:OAI-PMH/oai:ListIdentifiers | /oai:OAI-PMH/oai:ListRecords | /oai:OAI-PMH/oai:GetRecord"/>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="oai:error">
    <p class="error">Error <code><xsl:value-of select="@code"/></code>: <xsl:value-of select="."/></p>
  </xsl:template>

  <xsl:template match="oai:Identify">
    <h2><xsl:value-of select="oai:repositoryName"/></h2>
    <table>
      <xsl:for-each select="*">
        <tr><th scope="row"><xsl:value-of select="local-name()"/></th><td><xsl:value-of select="."/></td></tr>
      </xsl:for-each>
    </table>
  </xsl:template>

  <xsl:template match="oai:ListMetadataFormats">
    <table>
      <tr><th>prefix</th><th>schema</th><th>namespace</th></tr>
      <xsl:for-each select="oai:metadataFormat">
        <tr>
          <td><xsl:value-of select="oai:metadataPrefix"/></td>
          <td><xsl:value-of select="oai:schema"/></td>
          <td><xsl:value-of select="oai:metadataNamespace"/></td>
        </tr>
      </xsl:for-each>
    </table>
  </xsl:template>

  <xsl:template match="oai:ListIdentifiers">
    <table>
      <tr><th>identifier</th><th>datestamp</th></tr>
      <xsl:for-each select="oai:header">
        <tr>
          <td><xsl:apply-templates select="oai:identifier" mode="record-link"/></td>
          <td><xsl:value-of select="oai:datestamp"/></td>
        </tr>
      </xsl:for-each>
    </table>
    <xsl:apply-templates select="oai:resumptionToken"/>
  </xsl:template>

  <xsl:template match="oai:ListRecords | oai:GetRecord">
    <table>
      <tr><th>identifier</th><th>datestamp</th><th>title</th><th>creators</th><th>date</th><th>type</th></tr>
      <xsl:for-each select="oai:record">
        <xsl:variable name="dc" select="oai:metadata/oai_dc:dc"/>
        <tr>
          <td><xsl:apply-templates select="oai:header/oai:identifier" mode="record-link"/></td>
          <td><xsl:value-of select="oai:header/oai:datestamp"/></td>
          <td class="title"><xsl:value-of select="$dc/dc:title"/></td>
          <td>
            <xsl:for-each select="$dc/dc:creator">
              <xsl:if test="position() > 1">; </xsl:if>
              <xsl:value-of select="."/>
            </xsl:for-each>
          </td>
          <td><xsl:value-of select="$dc/dc:date"/></td>
          <td>
            <xsl:for-each select="$dc/dc:type">
              <xsl:if test="position() > 1">, </xsl:if>
              <xsl:value-of select="."/>
            </xsl:for-each>
          </td>
        </tr>
      </xsl:for-each>
    </table>
    <xsl:apply-templates select="oai:resumptionToken"/>
  </xsl:template>

  <!-- An identifier links to its record in oai_dc (GetRecord). -->
  <xsl:template match="oai:identifier" mode="record-link">
    <a href="oai?verb=GetRecord&amp;metadataPrefix=oai_dc&amp;identifier={.}"><xsl:value-of select="."/></a>
  </xsl:template>

  <!-- The next page of an incomplete list; an empty token ends the list. -->
  <xsl:template match="oai:resumptionToken">
    <p class="pager">
      <xsl:choose>
        <xsl:when test="string(.)">
          <a rel="next" href="oai?verb={$verb}&amp;resumptionToken={.}">Next page</a>
          <xsl:text> (resumption token </xsl:text><code><xsl:value-of select="."/></code>)
        </xsl:when>
        <xsl:otherwise>End of the list.</xsl:otherwise>
      </xsl:choose>
    </p>
  </xsl:template>
</xsl:stylesheet>
