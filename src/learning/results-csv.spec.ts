import { readResults } from './results-csv.js';

describe('readResults', () => {
  it('reads a plain CSV with decimal commas and reports each bad row with its line', () => {
    const { rows, errors } = readResults(
      '\uFEFFlearner,module,score,completed_at\r\nnadia@chu.example,GC-35H,"15,5",2026-03-12\r\nDZ-16-004512,GC-35H,abc,2026-03-12\r\n,GC-35H,12,not a date\r\n',
      {},
    );
    expect(rows[0]).toEqual({
      line: 2,
      learner: 'nadia@chu.example',
      moduleCode: 'GC-35H',
      score: 15.5,
      completedAt: new Date('2026-03-12'),
    });
    expect(errors).toEqual([
      { field: 'score', reason: 'not a number', line: 3 },
      { field: 'learner', reason: 'empty', line: 4 },
      { field: 'completed_at', reason: 'not a date (use YYYY-MM-DD)', line: 4 },
    ]);
  });

  it('names the missing columns', () => {
    expect(readResults('name,grade\nx,1\n', {}).errors).toEqual([
      {
        field: 'header',
        reason: 'missing column learner (accepted names: learner, email, email_address, staff_number, id_number)',
        line: 1,
      },
      { field: 'header', reason: 'missing column module (accepted names: module, module_code, course, course_code)', line: 1 },
    ]);
  });

  it('reads a Moodle grade export for the module named in the form', () => {
    const moodle =
      'First name,Surname,ID number,Institution,Department,Email address,Quiz: Plan blanc (Real),Course total (Real),Last downloaded from this course\n' +
      'Nadia,Benkhelifa,DZ-1,CHU Oran,Direction,nadia@chu.example,8.00,72.50,1763900000\n';
    expect(readResults(moodle, {}).errors[0].field).toBe('moduleCode');
    const { rows, errors } = readResults(moodle, { moduleCode: 'GC-35H' });
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { line: 2, learner: 'nadia@chu.example', moduleCode: 'GC-35H', score: 72.5, maxScore: 100, completedAt: undefined },
    ]);
  });
});
